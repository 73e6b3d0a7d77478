import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GetMembershipQuery } from '@app/organizations/contracts';
import { CookieSigner, CurrentRequestContext, OwnWrites, PublicRoute, type RequestContext } from '@app/platform';
import { RemoveSessionCommand, ResolveSessionCookieQuery, SESSION_COOKIE, SignInCommand, type SessionView } from '@app/sessions/contracts';
import { IssueAccessTokenCommand } from '../../contracts/authorization.commands';
import { ScopesOfRolesQuery } from '../../contracts/authorization.queries';
import { GetOAuthClientQuery, IssueAuthorizationCodeCommand, RedirectAllowedQuery, type OAuthClientRecord } from '../../contracts/oauth.commands';
import { authorizeDecision, authorizeRefusal, consentCovers, formatScopeList, matchRedirectUri, parseAuthorizeRequest, type AuthorizeQuery, type AuthorizeRefusal, type AuthorizeRequest } from '../../domain';
import { ConsentedScopesQuery, GrantOAuthConsentCommand } from '../../application/oauth/consent.handlers';
import { parseCookies, serializeCookie } from './cookies';
import { consentPage, errorPage, messagePage, signedInPage, signInPage } from './pages';
import { SignInThrottle } from './sign-in-throttle';

const CSRF_COOKIE = 'gaa_csrf';
const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/** A consent answer is good for one trip back to the authorize endpoint. */
const CONSENT_TTL_MS = 5 * 60_000;

interface SignInForm {
  email?: string;
  password?: string;
  csrf?: string;
  return_to?: string;
}

interface ConsentForm {
  csrf?: string;
  return_to?: string;
  decision?: string;
}

/**
 * The authorization server's browser side: `GET /` (and `/signin`, `/signup`) authorizes a
 * client (signing in first when needed, asking for consent when needed), `POST /signin` checks a
 * password and starts a session, `POST /consent` records the account's answer.
 */
@PublicRoute()
@Controller()
export class AuthorizeController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly signer: CookieSigner,
    private readonly ownWrites: OwnWrites,
    private readonly throttle: SignInThrottle,
  ) {}

  @Get(['/', 'signin', 'signup'])
  async authorize(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentRequestContext() context: RequestContext | undefined): Promise<void> {
    const query = request.query as AuthorizeQuery;
    const session = await this.session(request);
    if (!session) return this.showSignIn(context, request, reply, 200, { returnTo: request.url }, await this.verifiedRedirectOrigin(query));
    if (!query.client_id && !query.response_type && !query.redirect_uri) return this.html(context, reply, 200, signedInPage);

    const parsed = parseAuthorizeRequest(query);
    if (!parsed.ok) return this.refuse(context, reply, parsed);
    const authorize = parsed.request;
    const client = await this.queries.execute(new GetOAuthClientQuery(authorize.clientId));
    const decision = authorizeDecision({ request: authorize, client: client ?? undefined, accountScopes: await this.accountScopes(session) });
    if (!decision.ok) return this.refuse(context, reply, decision, client && decision.exceptionDetails !== 'invalid_redirect_uri' ? authorize : undefined);

    if (await this.needsConsent(authorize, client!, session, decision.grantedScopes)) {
      const answer = this.consentAnswer(query.consent, session, client!, decision.grantedScopes);
      if (answer === 'denied') return this.refuse(context, reply, { ok: false, oauthException: 'access_denied' }, authorize);
      if (answer !== 'allowed') {
        return this.html(
          context,
          reply,
          200,
          (nonce) => consentPage({ csrf: this.csrf(request, reply), returnTo: withoutConsent(request.url), clientName: client!.name, scopes: decision.grantedScopes, nonce }),
          new URL(authorize.redirectUri).origin,
        );
      }
    }
    if (!(await this.queries.execute(new RedirectAllowedQuery(client!.clientId, session.accountId)))) {
      return this.refuse(context, reply, authorizeRefusal('invalid_request', 'too_many_redirects'), authorize);
    }
    return this.grant(context, reply, authorize, client!, session, decision.grantedScopes);
  }

  @Post('signin')
  async signIn(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<void> {
    const form = formFields<SignInForm>(body);
    const returnTo = safeReturnTo(form.return_to);
    // A page shown again keeps allowing the client's redirect, as the first one did.
    const formTarget = await this.verifiedRedirectOrigin(Object.fromEntries(new URL(returnTo, 'http://local').searchParams));
    if (!this.csrfMatches(request, form.csrf)) {
      return this.showSignIn(context, request, reply, 400, { returnTo, email: form.email, error: 'The form expired. Please sign in again.' }, formTarget);
    }
    const email = form.email ?? '';
    const wait = this.throttle.retryAfter(email, request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return this.showSignIn(context, request, reply, 429, { returnTo, email, error: 'Too many failed sign-ins. Please try again later.' }, formTarget);
    }
    const signedIn =
      form.email && form.password
        ? await this.commands.execute(new SignInCommand(form.email, form.password, request.ip, String(request.headers['user-agent'] ?? '')).within(context))
        : null;
    if (!signedIn) {
      this.throttle.failed(email, request.ip);
      return this.showSignIn(context, request, reply, 401, { returnTo, email: form.email, error: 'Wrong email or password.' }, formTarget);
    }
    this.throttle.succeeded(email);
    await this.ownWrites.visible(context);
    reply
      .header('set-cookie', serializeCookie(SESSION_COOKIE, signedIn.cookie, { secure: isHttps(request), maxAge: SESSION_MAX_AGE_SECONDS }))
      .status(303)
      .header('location', returnTo)
      .send();
  }

  @Post('consent')
  async consent(
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentRequestContext() context: RequestContext | undefined,
  ): Promise<void> {
    const form = formFields<ConsentForm>(body);
    const session = await this.session(request);
    const returnTo = safeReturnTo(form.return_to);
    if (!session || !this.csrfMatches(request, form.csrf)) return this.showSignIn(context, request, reply, 400, { returnTo, error: 'The form expired. Please try again.' });
    const parsed = parseAuthorizeRequest(Object.fromEntries(new URL(returnTo, 'http://local').searchParams));
    const client = parsed.ok ? await this.queries.execute(new GetOAuthClientQuery(parsed.request.clientId)) : null;
    if (!parsed.ok || !client) return this.redirect(context, reply, returnTo);
    const decision = authorizeDecision({ request: parsed.request, client, accountScopes: await this.accountScopes(session) });
    const allowed = form.decision === 'allow' && decision.ok;
    // Remembered, so this account is not asked again for these scopes (unless prompt=consent).
    if (allowed) await this.commands.execute(new GrantOAuthConsentCommand(session.accountId, client.clientId, decision.grantedScopes).within(context));
    const token =
      allowed
        ? this.signer.sign(Buffer.from(JSON.stringify({ s: session.sessionId, c: client.clientId, g: decision.grantedScopes, e: Date.now() + CONSENT_TTL_MS })).toString('base64url'))
        : 'denied';
    return this.redirect(context, reply, `${returnTo}${returnTo.includes('?') ? '&' : '?'}consent=${encodeURIComponent(token)}`);
  }

  @Get('signout')
  async signOutLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentRequestContext() context: RequestContext | undefined): Promise<void> {
    return this.signOut(request, reply, context);
  }

  @Post('signout')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentRequestContext() context: RequestContext | undefined): Promise<void> {
    const session = await this.session(request);
    if (session) await this.commands.execute(new RemoveSessionCommand(session.accountId, session.sessionId).within(context));
    reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { secure: isHttps(request), maxAge: 0 }));
    return this.redirect(context, reply, '/signin');
  }

  /** Where authorization errors end: the error page names the OAuth exception. */
  @Get('ooops')
  ooops(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @CurrentRequestContext() context: RequestContext | undefined): Promise<void> {
    const query = request.query as Record<string, string | undefined>;
    return this.html(context, reply, 400, (nonce) => errorPage(query.oauth_exception ?? 'invalid_request', query.exception_details, nonce));
  }

  private async grant(
    context: RequestContext | undefined,
    reply: FastifyReply,
    authorize: AuthorizeRequest,
    client: OAuthClientRecord,
    session: SessionView,
    scopes: string[],
  ): Promise<void> {
    const common = { ...(authorize.state !== undefined ? { state: authorize.state } : {}) };
    const identity = { account_id: session.accountId, organization_id: session.organizationId, client_id: client.clientId };
    if (authorize.responseType === 'token') {
      const issued = await this.commands.execute(
        new IssueAccessTokenCommand(session.accountId, session.organizationId, scopes, client.clientId, session.sessionId).within(context),
      );
      const result = { access_token: issued.accessToken, token_type: 'Bearer', expires_in: String(issued.expiresIn), ...common, scope: formatScopeList(scopes) };
      if (authorize.flow === 'button') return this.post(context, reply, authorize, { data: { ...result, expires_in: issued.expiresIn, ...identity } });
      return this.redirect(context, reply, `${authorize.redirectUri}#${new URLSearchParams(result)}`);
    }
    const { code, expiresIn } = await this.commands.execute(
      new IssueAuthorizationCodeCommand({
        clientId: client.clientId,
        accountId: session.accountId,
        organizationId: session.organizationId,
        sessionId: session.sessionId,
        redirectUri: authorize.redirectUri,
        scopes,
        codeChallenge: authorize.codeChallenge,
        codeChallengeMethod: authorize.codeChallengeMethod,
      }).within(context),
    );
    if (authorize.flow === 'button') {
      return this.post(context, reply, authorize, { data: { code, token_type: 'Bearer', expires_in: expiresIn, scope: formatScopeList(scopes), ...common, ...identity } });
    }
    return this.redirect(context, reply, `${authorize.redirectUri}?${new URLSearchParams({ code, ...common })}`);
  }

  /**
   * Refusals go to the error page; in the button flow, once the redirect URI is verified, they
   * are posted to the client's page instead.
   */
  private refuse(context: RequestContext | undefined, reply: FastifyReply, refusal: AuthorizeRefusal, verified?: AuthorizeRequest): Promise<void> {
    const error = { oauth_exception: refusal.oauthException, ...(refusal.exceptionDetails ? { exception_details: refusal.exceptionDetails } : {}) };
    if (verified?.flow === 'button') return this.post(context, reply, verified, { error: { ...error, ...(verified.state !== undefined ? { state: verified.state } : {}) } });
    return this.redirect(context, reply, `/ooops?${new URLSearchParams(error)}`);
  }

  private post(context: RequestContext | undefined, reply: FastifyReply, authorize: AuthorizeRequest, message: unknown): Promise<void> {
    return this.html(context, reply, 200, (nonce) => messagePage(message, new URL(authorize.redirectUri).origin, nonce));
  }

  /**
   * Clients of the account's own organization need no consent; others need it once for each
   * scope, remembered; `prompt=consent` asks every time.
   */
  private async needsConsent(authorize: AuthorizeRequest, client: OAuthClientRecord, session: SessionView, scopes: string[]): Promise<boolean> {
    if (authorize.prompt === 'consent') return true;
    if (client.organizationId === session.organizationId) return false;
    return !consentCovers(await this.queries.execute(new ConsentedScopesQuery(session.accountId, client.clientId)), scopes);
  }

  private consentAnswer(consent: AuthorizeQuery[string], session: SessionView, client: OAuthClientRecord, scopes: string[]): 'allowed' | 'denied' | undefined {
    if (consent === 'denied') return 'denied';
    const value = typeof consent === 'string' ? this.signer.verify(consent) : undefined;
    if (!value) return undefined;
    const answer = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { s: string; c: string; g: string[]; e: number };
    const same = answer.s === session.sessionId && answer.c === client.clientId && answer.e > Date.now() && scopes.every((scope) => answer.g.includes(scope));
    return same ? 'allowed' : undefined;
  }

  private async accountScopes(session: SessionView): Promise<string[]> {
    const membership = await this.queries.execute(new GetMembershipQuery(session.organizationId, session.accountId));
    return membership ? this.queries.execute(new ScopesOfRolesQuery(session.organizationId, membership.roles.map((role) => role.role_id))) : [];
  }

  private session(request: FastifyRequest): Promise<SessionView | null> {
    return this.queries.execute(new ResolveSessionCookieQuery(parseCookies(request.headers.cookie)[SESSION_COOKIE]));
  }

  private showSignIn(
    context: RequestContext | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    options: { returnTo: string; email?: string; error?: string },
    formTarget?: string,
  ): Promise<void> {
    return this.html(context, reply, status, (nonce) => signInPage({ ...options, csrf: this.csrf(request, reply), nonce }), formTarget);
  }

  /**
   * Browsers apply a page's `form-action` to every redirect after the form is posted: signing in
   * (or consenting) ends with a redirect to the client, so its verified origin must be allowed.
   * Only an origin the client registered, for a request naming that client, is ever added.
   */
  private async verifiedRedirectOrigin(query: AuthorizeQuery): Promise<string | undefined> {
    const parsed = parseAuthorizeRequest(query);
    if (!parsed.ok) return undefined;
    const client = await this.queries.execute(new GetOAuthClientQuery(parsed.request.clientId));
    return client && matchRedirectUri(parsed.request.redirectUri, client.redirectUris) === 'ok' ? new URL(parsed.request.redirectUri).origin : undefined;
  }

  /** Double-submit CSRF token: a random value in an HttpOnly cookie and in the form. */
  private csrf(request: FastifyRequest, reply: FastifyReply): string {
    const existing = this.signer.verify(parseCookies(request.headers.cookie)[CSRF_COOKIE]);
    if (existing) return existing;
    const value = randomBytes(18).toString('base64url');
    reply.header('set-cookie', serializeCookie(CSRF_COOKIE, this.signer.sign(value), { secure: isHttps(request) }));
    return value;
  }

  private csrfMatches(request: FastifyRequest, submitted: string | undefined): boolean {
    const expected = this.signer.verify(parseCookies(request.headers.cookie)[CSRF_COOKIE]);
    if (!expected || !submitted) return false;
    const [a, b] = [Buffer.from(expected), Buffer.from(submitted)];
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /**
   * HTML answers: no caching, no framing, scripts only with this reply's nonce. Like every answer
   * here, it waits until the read models include what the request wrote (a session, a token the
   * client will use at once).
   */
  private async html(context: RequestContext | undefined, reply: FastifyReply, status: number, render: (nonce: string) => string, formTarget?: string): Promise<void> {
    await this.ownWrites.visible(context);
    const nonce = randomBytes(16).toString('base64');
    const formAction = formTarget ? `'self' ${formTarget}` : `'self'`;
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`)
      .send(render(nonce));
  }

  private async redirect(context: RequestContext | undefined, reply: FastifyReply, location: string): Promise<void> {
    await this.ownWrites.visible(context);
    reply.status(302).header('location', location).header('cache-control', 'no-store').send();
  }
}

/**
 * A posted form's fields: only string values count. An empty, null, array or otherwise odd body is
 * a form with nothing filled in (the page is shown again), never a server error.
 */
function formFields<T>(body: unknown): Partial<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([, value]) => typeof value === 'string')) as Partial<T>;
}

/** Only paths on this server: never a redirect to somewhere else after sign-in. */
function safeReturnTo(value: string | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function withoutConsent(url: string): string {
  const parsed = new URL(url, 'http://local');
  parsed.searchParams.delete('consent');
  return `${parsed.pathname}${parsed.search}`;
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}
