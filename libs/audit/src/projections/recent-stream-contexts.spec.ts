import { draftOf, initialStreamContext, type DraftStreamContext } from '../domain';
import { CONTEXT_BASE_WEIGHT as BASE, RecentStreamContexts } from './recent-stream-contexts';

const context = (fields: Record<string, unknown> = {}): DraftStreamContext => ({ ...draftOf(initialStreamContext()), fields: { ...fields } });
const batch = (...streams: [string, DraftStreamContext][]) => new Map(streams);

describe('RecentStreamContexts', () => {
  it('hands back the very context a batch left, to be folded on in place', () => {
    const recent = new RecentStreamContexts();
    const kept = context({ name: 'Acme' });
    recent.keep(batch(['organization-1', kept]));
    expect(recent.get('organization-1')).toBe(kept);
    expect(recent.get('organization-2')).toBeUndefined();
  });

  it('lets the least recently used go first once the fields kept pass the bound', () => {
    // Each context weighs its base plus its fields: three of one field each pass a bound of two.
    const recent = new RecentStreamContexts(2 * (BASE + 1));
    recent.keep(batch(['a', context({ x: 1 })], ['b', context({ x: 1 })]));
    // `a` is touched again: now `b` is the least recently used.
    recent.keep(batch(['a', context({ x: 2 })]));
    recent.keep(batch(['c', context({ x: 1 })]));
    expect(recent.get('a')?.fields).toEqual({ x: 2 });
    expect(recent.get('b')).toBeUndefined();
    expect(recent.get('c')).toBeDefined();
    expect(recent.size).toBe(2);
  });

  it('counts an organization with many member fields as heavier than an account', () => {
    // Room for the organization and one account.
    const recent = new RecentStreamContexts(BASE + 7 + BASE + 1 + 1);
    recent.keep(batch(['account-1', context({ name: 'A' })], ['account-2', context({ name: 'B' })]));
    const members = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`roles.${i}.Accounts`, 'member']));
    recent.keep(batch(['organization-1', context(members)]));
    // Base and 7 fields for the organization, base and 1 for each account: the older account goes.
    expect(recent.get('account-1')).toBeUndefined();
    expect(recent.get('account-2')).toBeDefined();
    expect(recent.get('organization-1')).toBeDefined();
  });

  it('never lets go of the latest batch\'s streams, even when they alone pass the bound', () => {
    // A rebuild prepares the next batch while this one is written: their stored contexts may be stale.
    const recent = new RecentStreamContexts(BASE);
    recent.keep(batch(['old', context()]));
    const latest = Array.from({ length: 5 }, (_, i): [string, DraftStreamContext] => [`s${i}`, context({ x: i })]);
    recent.keep(batch(...latest));
    expect(recent.get('old')).toBeUndefined();
    for (const [streamId, kept] of latest) expect(recent.get(streamId)).toBe(kept);
    // The next batch's streams take their place.
    recent.keep(batch(['new', context()]));
    expect(recent.size).toBe(1);
    expect(recent.get('new')).toBeDefined();
  });
});
