import {
  ApiError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from './api-errors';

describe('API errors', () => {
  it.each([
    [new BadRequestError(), 400, 'bad_request', {}],
    [new ValidationError({ 'roles.0.role': 'invalid role' }), 422, 'invalid_request', { invalid_fields: { 'roles.0.role': 'invalid role' } }],
    [new UnauthorizedError(), 401, 'unauthorized', {}],
    [new ForbiddenError(), 403, 'access_denied', { sub_error: 'insufficient_scope' }],
    [new NotFoundError('account', 'a1'), 404, 'resource_not_found', { resource_name: 'account', resource_id: 'a1' }],
    [new ConflictError('The account already exists.'), 409, 'conflict', {}],
    [new TooManyRequestsError(), 429, 'temporarily_unavailable', {}],
    [new ServiceUnavailableError(), 503, 'temporarily_unavailable', {}],
  ])('given %s, when inspected, then it carries its status, code and envelope fields', (error, status, code, extras) => {
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ status, errorCode: code, extras });
    expect(error.description.length).toBeGreaterThan(0);
  });

  it('given a NotFoundError, when described, then the description names the resource kind', () => {
    expect(new NotFoundError('organization', 'o1').description).toBe("The requested organization couldn't be found.");
  });

  it('given a retry delay, when rate limited, then Retry-After is set in whole seconds', () => {
    expect(new TooManyRequestsError(1.2).headers).toEqual({ 'retry-after': '2' });
    expect(new ServiceUnavailableError(undefined, 30).headers).toEqual({ 'retry-after': '30' });
  });

  it('given a subclass, when named, then the name is the subclass name (for logs)', () => {
    expect(new ConflictError().name).toBe('ConflictError');
  });
});
