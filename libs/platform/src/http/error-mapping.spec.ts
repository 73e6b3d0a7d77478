import { BadRequestException, HttpException, MethodNotAllowedException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { ConflictError, NotFoundError, ServiceUnavailableError, ValidationError } from './api-errors';
import { toErrorReply } from './error-mapping';

const SECRET = 'postgres://app:hunter2@db/accounts';

describe('toErrorReply', () => {
  it('given an ApiError, when mapped, then its status, code, description and extras are the reply', () => {
    expect(toErrorReply(new NotFoundError('account', 'a1'))).toEqual({
      status: 404,
      body: { error: 'resource_not_found', error_description: "The requested account couldn't be found.", resource_name: 'account', resource_id: 'a1' },
      headers: {},
      logLevel: 'none',
    });
    expect(toErrorReply(new ValidationError({ email: 'invalid email' })).body).toMatchObject({ error: 'invalid_request', invalid_fields: { email: 'invalid email' } });
    expect(toErrorReply(new ConflictError('Taken.')).body).toEqual({ error: 'conflict', error_description: 'Taken.' });
  });

  it('given an ApiError with headers, when mapped, then the headers are kept', () => {
    expect(toErrorReply(new ServiceUnavailableError(undefined, 5)).headers).toEqual({ 'retry-after': '5' });
  });

  it.each([
    [new NotFoundException('Cannot GET /v2/nope'), 404, 'resource_not_found'],
    [new MethodNotAllowedException(), 405, 'bad_request'],
    [new PayloadTooLargeException(), 413, 'bad_request'],
    [new BadRequestException('anything'), 400, 'bad_request'],
    [new HttpException('Unsupported Media Type', 415), 415, 'bad_request'],
    [new HttpException('I am a teapot', 418), 418, 'bad_request'],
    [new HttpException('Too Many Requests', 429), 429, 'temporarily_unavailable'],
    [new HttpException('Service Unavailable', 503), 503, 'temporarily_unavailable'],
  ])('given the framework exception %s, when mapped, then it keeps its status with the code %s', (exception, status, code) => {
    const reply = toErrorReply(exception);

    expect(reply.status).toBe(status);
    expect(reply.body.error).toBe(code);
  });

  it('given a framework exception with a revealing message, when mapped, then the message is not sent', () => {
    expect(toErrorReply(new NotFoundException(`Cannot GET /v2/x?token=${SECRET}`)).body.error_description).toBe("The requested resource couldn't be found.");
  });

  it('given Fastify invalid JSON, when mapped, then 400 says the body is not JSON', () => {
    const cause = Object.assign(new Error("Body is not valid JSON but content-type is set to 'application/json'"), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });

    expect(toErrorReply(new HttpException(cause.message, 400, { cause })).body).toEqual({ error: 'bad_request', error_description: 'The request body is not valid JSON.' });
  });

  it.each([
    ['a pg connection refusal', Object.assign(new Error(`connect ECONNREFUSED ${SECRET}`), { code: 'ECONNREFUSED' })],
    ['a server shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['an event store outage', new EventStoreUnavailableError(new Error(SECRET))],
  ])('given %s, when mapped, then 503 temporarily_unavailable, logged as a warning', (_what, error) => {
    const reply = toErrorReply(error);

    expect(reply).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable' }, logLevel: 'warn' });
    expect(JSON.stringify(reply.body)).not.toContain('hunter2');
  });

  it.each([
    ['an Error', new Error(`secret internals ${SECRET}`)],
    ['a thrown string', SECRET],
    ['a 5xx framework exception', new HttpException(SECRET, 502)],
    ['undefined', undefined],
  ])('given %s, when mapped, then 500 server_error with a generic description, logged as an error', (_what, thrown) => {
    const reply = toErrorReply(thrown);

    expect(reply).toMatchObject({ status: 500, body: { error: 'server_error' }, logLevel: 'error' });
    expect(reply.body.error_description).toMatch(/^The server encountered an unexpected condition/);
    expect(JSON.stringify(reply)).not.toContain('hunter2');
  });
});

describe('a write that lost every retry', () => {
  it('answers 409 conflict, not a server error', () => {
    const reply = toErrorReply(new WrongExpectedRevisionError('organization-1', 3, 4));
    expect(reply.status).toBe(409);
    expect(reply.body.error).toBe('conflict');
  });
});
