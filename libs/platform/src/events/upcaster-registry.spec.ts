import { testMetadata } from '../testing/event-factory';
import { UpcasterRegistry, type StoredShape } from './upcaster-registry';

const stored = (type: string, data: unknown, schemaVersion: number): StoredShape => ({ type, data, metadata: testMetadata({ schemaVersion }) });

describe('upcaster registry', () => {
  const registry = new UpcasterRegistry()
    .register({
      type: 'AccountCreated',
      fromVersion: 1,
      upcast: (event) => ({ ...event, data: { ...(event.data as object), avatar_url: null } }),
    })
    .register({
      type: 'AccountCreated',
      fromVersion: 2,
      upcast: (event) => {
        const { fullName, ...rest } = event.data as { fullName: string };
        return { ...event, data: { ...rest, name: fullName } };
      },
    });

  it('given a v1 event, when read, then every upcaster from v1 on applies in order', () => {
    const upcast = registry.upcast(stored('AccountCreated', { fullName: 'Ann' }, 1));
    expect(upcast.data).toEqual({ name: 'Ann', avatar_url: null });
    expect(upcast.metadata.schemaVersion).toBe(3);
  });

  it('given a current event, when read, then it is returned unchanged', () => {
    const event = stored('AccountCreated', { name: 'Ann', avatar_url: null }, 3);
    expect(registry.upcast(event)).toBe(event);
  });

  it('given an event type without upcasters, when read, then it is unchanged', () => {
    const event = stored('RoleDeleted', { role_id: 'r' }, 1);
    expect(registry.upcast(event)).toBe(event);
  });

  it('refuses two upcasters for the same type and version', () => {
    expect(() => new UpcasterRegistry().register({ type: 'A', fromVersion: 1, upcast: (e) => e }).register({ type: 'A', fromVersion: 1, upcast: (e) => e })).toThrow(
      /already registered/,
    );
  });

  it('keeps the other fields of a recorded event while upcasting', () => {
    const recorded = { ...stored('AccountCreated', { fullName: 'Bo', avatar_url: 'x' }, 2), id: 'e1', streamId: 'account-1' };
    const upcast = registry.upcast(recorded);
    expect(upcast).toMatchObject({ id: 'e1', streamId: 'account-1', data: { name: 'Bo', avatar_url: 'x' } });
  });
});
