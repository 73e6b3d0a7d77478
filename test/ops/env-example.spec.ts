import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, settingNames } from '@app/platform';

/** `NAME=value` lines of .env.example (comments and blank lines skipped). */
function readExample(): Map<string, string> {
  const text = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
  const settings = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) settings.set(match[1], match[2]);
  }
  return settings;
}

describe('.env.example', () => {
  it('given the settings the service reads, when .env.example is read, then it lists each of them and nothing else', () => {
    expect([...readExample().keys()].sort()).toEqual(settingNames().sort());
    expect(settingNames()).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'RUN_MIGRATIONS', 'COOKIE_SECRET']));
  });

  it('given the values it shows, when loaded as the environment, then they are exactly the defaults', () => {
    expect({ ...loadConfig(Object.fromEntries(readExample())) }).toEqual({ ...loadConfig({}) });
  });

  it('given a setting README documents, when compared, then the README table lists every setting', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    for (const name of settingNames()) expect({ name, documented: readme.includes(`| \`${name}\` |`) }).toEqual({ name, documented: true });
  });
});
