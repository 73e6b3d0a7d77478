import { QueryBus } from '@nestjs/cqrs';
import { VerifyPasswordQuery } from '@app/identity/contracts';
import { TestApp } from './support/test-app';

describe('password check for sign-in', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await TestApp.start();
  });
  afterAll(async () => api?.stop());

  it('answers the account for the right password only, with the email in any case', async () => {
    const owner = await api.signUp({ email: 'Pat@Example.com', password: 'a long passphrase' });
    const check = (email: string, password: string) => api.app.get(QueryBus).execute(new VerifyPasswordQuery(email, password));
    expect(await check('pat@example.com', 'a long passphrase')).toBe(owner.accountId);
    expect(await check('pat@example.com', 'a long passphrasE')).toBeNull();
    expect(await check('nobody@example.com', 'a long passphrase')).toBeNull();

    const reset = await api.request('POST', '/accounts/me/password/reset', { headers: owner.bearer, body: { password: 'another passphrase' } });
    expect(reset.status).toBe(200);
    expect(await check('PAT@example.com', 'a long passphrase')).toBeNull();
    expect(await check('PAT@example.com', 'another passphrase')).toBe(owner.accountId);
  });
});
