import { originOf, summarizeProfile, type CpuProfile } from './cpu-profile';
import { percent } from './stats';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

const PROFILE: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('(garbage collector)') },
    { id: 3, callFrame: frame('(idle)') },
    { id: 4, callFrame: frame('serialize', 'file:///app/node_modules/fastify/lib/reply.js', 9) },
    { id: 5, callFrame: frame('prepare', 'file:///app/node_modules/.cache/ab-base/libs/audit/src/projections/audit.projection.js', 115) },
    { id: 6, callFrame: frame('emit', 'node:events', 469) },
  ],
  startTime: 0,
  // Samples at 1, 2, 4, 5, 6 and 7 ms; the profile ends at 9 ms.
  samples: [2, 4, 5, 5, 3, 6],
  timeDeltas: [1_000, 1_000, 2_000, 1_000, 1_000, 1_000],
  endTime: 9_000,
};

const asObject = (shares: readonly { name: string; share: number }[]) => Object.fromEntries(shares.map(({ name, share }) => [name, share]));

describe('a CPU profile summed up', () => {
  it("gives each sample the time to the next one (the last one's to the end) and shares them by origin", () => {
    const summary = summarizeProfile(PROFILE);
    expect(summary.sampledMs).toBe(8);
    expect(asObject(summary.byOrigin)).toEqual({ 'nm:fastify': 0.25, 'libs/audit': 0.25, 'node:events': 0.25, '(garbage collector)': 0.125, '(idle)': 0.125 });
    expect(summary.byOrigin[0].share).toBeGreaterThanOrEqual(summary.byOrigin[summary.byOrigin.length - 1].share);
  });

  it('names a function by its file from the package or the service root, with its line counted from 1', () => {
    expect(asObject(summarizeProfile(PROFILE).byFunction)).toMatchObject({
      'prepare libs/audit/src/projections/audit.projection.js:116': 0.25,
      'serialize nm:fastify/lib/reply.js:10': 0.25,
      'emit node:events:470': 0.25,
    });
  });

  it('counts only the samples of the last milliseconds asked for', () => {
    const summary = summarizeProfile(PROFILE, { lastMs: 4 });
    expect(summary.sampledMs).toBe(4);
    expect(asObject(summary.byOrigin)).toEqual({ 'node:events': 0.5, 'libs/audit': 0.25, '(idle)': 0.25 });
  });

  it('tells packages (scoped, nested) from the service and from Node.js', () => {
    expect(originOf(frame('f', 'file:///app/node_modules/@nestjs/core/router/router-proxy.js'))).toBe('nm:@nestjs/core');
    expect(originOf(frame('f', 'file:///app/node_modules/a/node_modules/b/index.js'))).toBe('nm:b');
    expect(originOf(frame('f', 'file:///srv/dist/apps/api/src/main.js'))).toBe('apps/api');
    expect(originOf(frame('f', 'node:internal/async_hooks'))).toBe('node:internal');
    expect(originOf(frame('writev'))).toBe('writev');
  });
});

describe('a share as a percentage', () => {
  it('is whole by default and keeps the decimals asked for', () => {
    expect(percent(0.8349)).toBe('83%');
    expect(percent(0.05949, 1)).toBe('5.9%');
    expect(percent(0.06, 1)).toBe('6.0%');
  });
});
