import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PublicRoute } from '@app/platform';
import { CredentialGuard } from './credential.guard';
import { OptionalCredential } from './require-scopes.decorator';

class Accounts {
  read(): void {}
}
@PublicRoute()
class OpenAccounts extends Accounts {}
@OptionalCredential()
class MaybeSignedInAccounts extends Accounts {}
class ClosedAccounts extends Accounts {}

/** A request to `controller`'s inherited `read`, with the headers given and nothing else. */
function requestTo(controller: typeof Accounts, headers: Record<string, string> = {}): ExecutionContext {
  return {
    getHandler: () => Accounts.prototype.read,
    getClass: () => controller,
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ headers }), getResponse: () => ({}), getNext: () => undefined }),
  } as unknown as ExecutionContext;
}

describe('the credential guard reading routes', () => {
  it("reads a route's decorators at its first request only", async () => {
    const reflector = new Reflector();
    const lookups = jest.spyOn(reflector, 'getAllAndOverride');
    const guard = new CredentialGuard(reflector);
    for (let i = 0; i < 3; i++) await expect(guard.canActivate(requestTo(OpenAccounts))).resolves.toBe(true);
    // Public, optional credential and required scopes: three lookups, once.
    expect(lookups).toHaveBeenCalledTimes(3);
  });

  it('keeps the rules of one inherited handler apart for each controller that serves it', async () => {
    const guard = new CredentialGuard(new Reflector());
    await expect(guard.canActivate(requestTo(OpenAccounts))).resolves.toBe(true);
    await expect(guard.canActivate(requestTo(MaybeSignedInAccounts))).resolves.toBe(true);
    // Neither public nor optional: the credential goes to passport (no strategy is registered here, so passport says so).
    await expect(guard.canActivate(requestTo(ClosedAccounts))).rejects.toThrow(/Unknown authentication strategy "bearer"/);
    // An optional credential that is sent must still be checked.
    await expect(guard.canActivate(requestTo(MaybeSignedInAccounts, { authorization: 'Bearer x' }))).rejects.toThrow(/Unknown authentication strategy "bearer"/);
  });
});
