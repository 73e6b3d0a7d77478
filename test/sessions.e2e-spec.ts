import { CommandBus } from '@nestjs/cqrs';
import { IssueAccessTokenCommand } from '@app/authorization/contracts';
import { StartSessionCommand, type IdentitySource } from '@app/sessions/contracts';
import { expectMatchesErrorEnvelope, expectMatchesSpec } from '../libs/platform/src/testing/spec-schemas';
import { ALL_SCOPES } from './support/scope-catalogue';
import { TestApp, type ApiResponse, type SignedUp } from './support/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:69.0) Gecko/20100101 Firefox/69.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1';

interface Device {
  ip: string;
  userAgent: string;
  identitySource?: IdentitySource;
}

function expectSessionNotFound(reply: ApiResponse, sessionId: string): void {
  expect(reply.status).toBe(404);
  expect(reply.body).toMatchObject({ error: 'resource_not_found', resource_name: 'session', resource_id: sessionId, request_id: expect.stringMatching(UUID) });
  expectMatchesSpec(reply.body, '/sessions/{session_id}', 'delete', 404);
}

describe('Sessions over HTTP', () => {
  let api: TestApp;
  let ann: SignedUp;
  let bob: SignedUp;

  beforeAll(async () => {
    api = await TestApp.start();
    ann = await api.signUp();
    bob = await api.signUp();
  });
  afterAll(async () => api?.stop());

  /** A sign-in on a device; there is no sign-in over HTTP to go through yet. */
  async function startSession(who: SignedUp, device: Device): Promise<string> {
    const { sessionId } = await api.app
      .get(CommandBus)
      .execute(new StartSessionCommand(who.accountId, who.organizationId, device.identitySource ?? 'credentials', device.ip, device.userAgent));
    await api.readModelsInclude(`session-${sessionId}`);
    return sessionId;
  }

  /** A Bearer header for a token issued in the session, once the token works. */
  async function bearerIn(who: SignedUp, sessionId: string | null, scopes: readonly string[] = ALL_SCOPES): Promise<Record<string, string>> {
    const issued = await api.app.get(CommandBus).execute(new IssueAccessTokenCommand(who.accountId, who.organizationId, scopes, null, sessionId));
    const bearer = { authorization: `Bearer ${issued.accessToken}` };
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await api.request('GET', '/organizations/me', { headers: bearer })).status === 200) return bearer;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the issued token never became usable');
  }

  async function listed(bearer: Record<string, string>): Promise<ApiResponse> {
    const reply = await api.request('GET', '/sessions', { headers: bearer });
    expect(reply.status).toBe(200);
    expectMatchesSpec(reply.body, '/sessions', 'get', 200);
    return reply;
  }

  const works = async (bearer: Record<string, string>) => (await api.request('GET', '/organizations/me', { headers: bearer })).status;

  describe('one account on two devices', () => {
    let laptop: string;
    let phone: string;
    let laptopToken: Record<string, string>;
    let phoneToken: Record<string, string>;
    let bobsSession: string;

    beforeAll(async () => {
      laptop = await startSession(ann, { ip: '194.181.146.158', userAgent: FIREFOX });
      phone = await startSession(ann, { ip: '2001:db8::7', userAgent: SAFARI, identitySource: 'google' });
      laptopToken = await bearerIn(ann, laptop);
      phoneToken = await bearerIn(ann, phone);
      bobsSession = await startSession(bob, { ip: '10.1.2.3', userAgent: FIREFOX });
    });

    it('lists both sessions in the spec shape, `current` marking the one the token was issued in', async () => {
      const fromLaptop = await listed(laptopToken);
      expect(fromLaptop.body).toEqual([
        { account_id: ann.accountId, session_id: laptop, current: true, user_agent: FIREFOX, identity_source: 'credentials', ip: '194.181.146.158', applications: [] },
        { account_id: ann.accountId, session_id: phone, current: false, user_agent: SAFARI, identity_source: 'google', ip: '2001:db8::7', applications: [] },
      ]);

      const fromPhone = await listed(phoneToken);
      expect(fromPhone.body.map((s: { session_id: string; current: boolean }) => [s.session_id, s.current])).toEqual([
        [laptop, false],
        [phone, true],
      ]);

      // A token from no session (the sign-up's) sees the same sessions, none of them current.
      const fromSignUp = await listed(ann.bearer);
      expect(fromSignUp.body.map((s: { current: boolean }) => s.current)).toEqual([false, false]);
    });

    it("never lists another account's sessions", async () => {
      const bobs = await listed(bob.bearer);
      expect(bobs.body.map((s: { session_id: string }) => s.session_id)).toEqual([bobsSession]);
    });

    it('needs sessions--my:ro to list and sessions--my:rw to remove', async () => {
      const readOnly = await bearerIn(ann, laptop, ['accounts--my:ro', 'sessions--my:ro']);
      const noSessions = await bearerIn(ann, laptop, ['accounts--my:ro']);

      const denied = await api.request('GET', '/sessions', { headers: noSessions });
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ error: 'access_denied', sub_error: 'insufficient_scope' });
      expectMatchesSpec(denied.body, '/sessions', 'get', 403);

      expect((await api.request('GET', '/sessions', { headers: readOnly })).status).toBe(200);
      for (const path of ['/sessions', `/sessions/${phone}`]) {
        const reply = await api.request('DELETE', path, { headers: readOnly });
        expect(reply.status).toBe(403);
        expect(reply.body.sub_error).toBe('insufficient_scope');
      }
      expect((await listed(laptopToken)).body).toHaveLength(2);
    });

    it('answers 401 without credentials', async () => {
      const reply = await api.request('GET', '/sessions');
      expect(reply.status).toBe(401);
      expectMatchesSpec(reply.body, '/sessions', 'get', 401);
    });

    it("answers 404 for another account's session and leaves it alone; 422 for an id that is no UUID", async () => {
      expectSessionNotFound(await api.request('DELETE', `/sessions/${bobsSession}`, { headers: laptopToken }), bobsSession);
      expect((await listed(bob.bearer)).body.map((s: { session_id: string }) => s.session_id)).toEqual([bobsSession]);

      const malformed = await api.request('DELETE', '/sessions/not-a-uuid', { headers: laptopToken });
      expect(malformed.status).toBe(422);
      expect(malformed.body.invalid_fields).toEqual({ session_id: expect.any(String) });
      expectMatchesErrorEnvelope(malformed.body);
    });

    it("removes the other session (200 {}), revoking that session's tokens but not this one's", async () => {
      const reply = await api.request('DELETE', `/sessions/${phone}`, { headers: laptopToken });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});

      expect((await listed(laptopToken)).body.map((s: { session_id: string }) => s.session_id)).toEqual([laptop]);
      // Revocation bites on the very next request.
      expect(await works(phoneToken)).toBe(401);
      expect(await works(laptopToken)).toBe(200);
      expect(await works(ann.bearer)).toBe(200);

      expectSessionNotFound(await api.request('DELETE', `/sessions/${phone}`, { headers: laptopToken }), phone);
    });

    it("removes every session of the account (200 {}) with their tokens, and no one else's", async () => {
      const desktop = await startSession(ann, { ip: '194.181.146.159', userAgent: FIREFOX, identitySource: 'token' });
      const desktopToken = await bearerIn(ann, desktop);
      expect((await listed(laptopToken)).body).toHaveLength(2);

      const reply = await api.request('DELETE', '/sessions', { headers: laptopToken });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({});

      expect(await works(laptopToken)).toBe(401);
      expect(await works(desktopToken)).toBe(401);
      expect((await listed(ann.bearer)).body).toEqual([]);
      expect((await listed(bob.bearer)).body.map((s: { session_id: string }) => s.session_id)).toEqual([bobsSession]);

      // Signing out everywhere with no session left still answers 200 {}.
      const again = await api.request('DELETE', '/sessions', { headers: ann.bearer });
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: {} });
    });
  });
});
