import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetOAuthClientQuery, type OAuthClientRecord } from '../../contracts/oauth.commands';
import { OAuthError } from '../../domain';
import { hashSecret } from '../secret-tokens';
import type { ClientCredentials } from './oauth-token.commands';

const BASIC_CHALLENGE = { 'www-authenticate': 'Basic realm="token", charset="UTF-8"' };

/**
 * The client of a token request (RFC 6749 section 2.3): a public client names itself, a
 * confidential one must also prove it holds its secret, compared by hash in constant time.
 * Every failure reads the same to the caller, whatever went wrong.
 */
@Injectable()
export class ClientAuthentication {
  constructor(private readonly queries: QueryBus) {}

  async authenticate(credentials: ClientCredentials): Promise<OAuthClientRecord> {
    if (!credentials.clientId) {
      if (credentials.method === 'basic') throw clientAuthenticationFailed('basic', 'client_id_missing');
      throw new OAuthError('invalid_request', 'The client_id is missing.', { reason: 'client_id_missing' });
    }
    const client = await this.queries.execute(new GetOAuthClientQuery(credentials.clientId));
    if (!client) throw clientAuthenticationFailed(credentials.method, 'unknown_client');
    if (client.kind === 'public') return client;
    if (!credentials.clientSecret || !client.secretHash) throw clientAuthenticationFailed(credentials.method, 'client_secret_missing');
    if (!sameHash(hashSecret(credentials.clientSecret), client.secretHash)) throw clientAuthenticationFailed(credentials.method, 'client_secret_wrong');
    return client;
  }
}

/** `invalid_client`: a 401 with a Basic challenge when the client tried HTTP Basic, else a 400 (RFC 6749 section 5.2). */
export function clientAuthenticationFailed(method: ClientCredentials['method'], reason: string): OAuthError {
  const basic = method === 'basic';
  return new OAuthError('invalid_client', 'Client authentication failed.', { reason, ...(basic ? { status: 401 as const, headers: BASIC_CHALLENGE } : {}) });
}

function sameHash(presented: string, stored: string): boolean {
  const a = Buffer.from(presented, 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
