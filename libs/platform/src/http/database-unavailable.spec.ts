import { isDatabaseUnavailableError } from './database-unavailable';

const withCode = (code: string) => Object.assign(new Error('driver failure'), { code });

describe('isDatabaseUnavailableError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006'])(
    'given a driver error with code %s, when checked, then the database is unavailable',
    (code) => {
      expect(isDatabaseUnavailableError(withCode(code))).toBe(true);
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'Client has encountered a connection error and is not queryable',
    'Client was closed and is not queryable',
  ])(
    'given the pg message "%s", when checked, then the database is unavailable',
    (message) => {
      expect(isDatabaseUnavailableError(new Error(message))).toBe(true);
    },
  );

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a protocol violation', withCode('08P01')],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('given %s, when checked, then it is not an outage', (_what, error) => {
    expect(isDatabaseUnavailableError(error)).toBe(false);
  });

  it('given an outage wrapped as a cause, a TypeORM driverError or inside an AggregateError, when checked, then it is found', () => {
    expect(isDatabaseUnavailableError(new Error('query failed', { cause: withCode('57P01') }))).toBe(true);
    expect(isDatabaseUnavailableError(Object.assign(new Error('QueryFailedError'), { driverError: withCode('08006') }))).toBe(true);
    expect(isDatabaseUnavailableError(new AggregateError([withCode('ECONNREFUSED')]))).toBe(true);
  });

  it('given an error that is its own cause, when checked, then it terminates', () => {
    const error: Error & { cause?: unknown } = new Error('loop');
    error.cause = error;

    expect(isDatabaseUnavailableError(error)).toBe(false);
  });
});
