import { QueryFailedError } from 'typeorm';
import { createLogger } from './create-logger';
import { PinoNestLogger } from './nest-logger';

const SECRET_VALUES = [
  'Bearer-abc.def.ghi',
  'session=cookie-value-1',
  'sid=set-cookie-value-2',
  'hunter2-password',
  'tok-123456',
  'at-7890',
  'rt-4567',
  'authz-code-321',
  'verifier-654',
  'client-secret-987',
  'my-api-secret',
  'old-password-1',
  'pg-pass-55',
];

function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

function expectNoSecretIn(output: string): void {
  for (const secret of SECRET_VALUES) expect(output).not.toContain(secret);
}

describe('createLogger', () => {
  it('given an object full of secrets, when logged, then none of their values is written', () => {
    const { logger, lines } = capturedLogger();

    logger.info(
      {
        headers: {
          authorization: 'Bearer Bearer-abc.def.ghi',
          cookie: 'session=cookie-value-1',
          'set-cookie': ['sid=set-cookie-value-2'],
          'content-type': 'application/json',
        },
        body: {
          email: 'john@example.com',
          password: 'hunter2-password',
          token: 'tok-123456',
          access_token: 'at-7890',
          refresh_token: 'rt-4567',
          code: 'authz-code-321',
          code_verifier: 'verifier-654',
          client_secret: 'client-secret-987',
          nested: [{ apiSecret: 'my-api-secret', oldPassword: 'old-password-1' }],
        },
        query: { code: 'authz-code-321' },
      },
      'login attempt',
    );

    const output = lines.join('');
    expectNoSecretIn(output);
    expect(output).toContain('john@example.com');
    expect(output).toContain('application/json');
    expect(output).toContain('[REDACTED]');
  });

  it('given a request-like object, when logged as req, then headers and secret query values are redacted', () => {
    const { logger, lines } = capturedLogger();

    logger.info({
      req: {
        id: 'req-1',
        method: 'GET',
        url: '/oauth/callback?code=authz-code-321&state=xyz',
        headers: { authorization: 'Bearer Bearer-abc.def.ghi', cookie: 'session=cookie-value-1' },
        body: { password: 'hunter2-password' },
      },
    });

    const output = lines.join('');
    expectNoSecretIn(output);
    expect(output).toContain('state=xyz');
  });

  it('given an error whose message holds a connection string, when logged, then the credentials are removed but the error code stays', () => {
    const { logger, records } = capturedLogger();
    const error = Object.assign(new Error('connect to postgres://app:pg-pass-55@db:5432/x failed'), { code: 'ECONNREFUSED', password: 'pg-pass-55' });

    logger.error({ err: error }, 'database down');

    const [record] = records();
    expectNoSecretIn(JSON.stringify(record));
    expect(record.err).toMatchObject({ type: 'Error', code: 'ECONNREFUSED' });
  });

  it('given a failed statement, when its error is logged, then the values of the statement and of the row are not written but the constraint is', () => {
    const { logger, lines, records } = capturedLogger();
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "accounts_email_key"'), {
      code: '23505',
      detail: 'Key (email)=(ada@example.test) already exists.',
      constraint: 'accounts_email_key',
      table: 'accounts',
    });
    const error = new QueryFailedError('INSERT INTO accounts (email, name) VALUES ($1, $2)', ['ada@example.test', 'Ada Lovelace'], driverError);

    logger.error({ err: error }, 'request failed');

    const output = lines.join('');
    expect(output).not.toContain('ada@example.test');
    expect(output).not.toContain('Ada Lovelace');
    const [record] = records();
    expect(record.err).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'accounts_email_key', query: 'INSERT INTO accounts (email, name) VALUES ($1, $2)' });
  });

  it('given a message string with a bearer token, when logged, then the token is removed', () => {
    const { logger, lines } = capturedLogger();

    logger.warn('rejected Authorization: Bearer tok-123456 for client client_secret=client-secret-987');

    expectNoSecretIn(lines.join(''));
  });

  it('given child bindings with a secret, when the child logs, then the secret is not written', () => {
    const { logger, lines } = capturedLogger();

    logger.child({ clientSecret: 'client-secret-987', clientId: 'abc' }).info('bound');

    expectNoSecretIn(lines.join(''));
    expect(lines.join('')).toContain('"clientId":"abc"');
  });

  it('given a logged line, when read back, then it is one JSON object with a level name and an ISO time', () => {
    const { logger, records } = capturedLogger();

    logger.info({ answer: 42 }, 'hello');

    expect(records()).toEqual([expect.objectContaining({ level: 'info', msg: 'hello', answer: 42, time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });
});

describe('PinoNestLogger', () => {
  it('given a Nest log call with a context, when written, then the context is a field and the level is mapped', () => {
    const { logger, records } = capturedLogger();
    const nestLogger = new PinoNestLogger(logger);

    nestLogger.log('Mapped {/v2/accounts, GET} route', 'RouterExplorer');
    nestLogger.verbose('details', 'Boot');

    expect(records()).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Mapped {/v2/accounts, GET} route', context: 'RouterExplorer' }),
      expect.objectContaining({ level: 'trace', msg: 'details', context: 'Boot' }),
    ]);
  });

  it('given a Nest error call with a stack and a context, when written, then both are kept apart', () => {
    const { logger, records } = capturedLogger();

    new PinoNestLogger(logger).error('boom', 'Error: boom\n    at somewhere (file.js:1:1)', 'ExceptionHandler');

    expect(records()[0]).toMatchObject({ level: 'error', msg: 'boom', context: 'ExceptionHandler', stack: expect.stringContaining('at somewhere') });
  });

  it('given an object with secrets from Nest, when written, then they are redacted', () => {
    const { logger, lines } = capturedLogger();

    new PinoNestLogger(logger).warn({ password: 'hunter2-password', note: 'kept' }, 'Ctx');

    expectNoSecretIn(lines.join(''));
    expect(lines.join('')).toContain('kept');
  });
});
