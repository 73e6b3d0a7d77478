import { resolveRequestId } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('resolveRequestId', () => {
  it('given an incoming UUID, when resolved, then it is kept', () => {
    expect(resolveRequestId('5903C51B-89F0-41A9-A25D-4F39AF100353')).toBe('5903C51B-89F0-41A9-A25D-4F39AF100353');
  });

  it.each([undefined, '', 'abc', '5903c51b-89f0-41a9-a25d-4f39af100353x', '5903c51b-89f0-41a9-a25d-4f39af100353\nforged: header'])(
    'given the incoming value %j, when resolved, then a fresh UUID is used',
    (incoming) => {
      const id = resolveRequestId(incoming);

      expect(id).toMatch(UUID);
      expect(id).not.toBe(incoming);
    },
  );

  it('given a repeated header, when resolved, then the first value counts', () => {
    expect(resolveRequestId(['5903c51b-89f0-41a9-a25d-4f39af100353', 'other'])).toBe('5903c51b-89f0-41a9-a25d-4f39af100353');
  });
});
