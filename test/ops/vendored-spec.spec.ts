import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { findContractFile } from '../../apps/api/src/openapi/contract';

/**
 * The service publishes its contract from apps/api/spec (a running service cannot read the
 * shared folder beside the repository). The YAML is a byte-for-byte copy of the shared spec; the
 * JSON beside it is what the service reads. To refresh both after the spec changes:
 *   cp ../shared/spec/global-accounts-api.v2.yml apps/api/spec/ &&
 *   node -e "const fs=require('fs');fs.writeFileSync('apps/api/spec/global-accounts-api.v2.json',
 *     JSON.stringify(require('js-yaml').load(fs.readFileSync('apps/api/spec/global-accounts-api.v2.yml','utf8')),null,2)+'\n')"
 */
const jsonFile = findContractFile();
const yamlFile = jsonFile.replace(/\.json$/, '.yml');
const sharedCandidates = [
  process.env.SPEC_PATH,
  path.resolve(__dirname, '../../../shared/spec/global-accounts-api.v2.yml'),
  '/work/shared/spec/global-accounts-api.v2.yml',
].filter((candidate): candidate is string => !!candidate);
const shared = sharedCandidates.find((candidate) => existsSync(candidate));

describe('the vendored API contract', () => {
  it('given the YAML copy, when its JSON rendering is read, then both say the same', () => {
    expect(JSON.parse(readFileSync(jsonFile, 'utf8'))).toEqual(load(readFileSync(yamlFile, 'utf8')));
  });

  it('given the shared spec folder (when present), when compared, then the copy is byte for byte the shared spec', () => {
    const copy = readFileSync(yamlFile, 'utf8');
    // Outside a checkout with the shared folder there is nothing to compare with: the copy then
    // has to be at least the contract it claims to be.
    const expected = shared ? readFileSync(shared, 'utf8') : copy;
    expect(copy).toBe(expected);
    expect(load(copy)).toMatchObject({ openapi: '3.0.0', info: { title: 'Global Accounts API', version: '2.0.0' } });
  });
});
