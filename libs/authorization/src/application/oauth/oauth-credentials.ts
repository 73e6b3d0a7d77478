import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, EventSourcedCommands, type AppConfig, type RequestContext } from '@app/platform';
import {
  ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT,
  AccessTokenNotFound,
  RefreshTokenFamilyNotFound,
  accessTokenDecider,
  accessTokenExpiry,
  accessTokenStreamId,
  refreshTokenDecider,
  refreshTokenStreamId,
  allLiveTokens,
  tokensOverLimitWith,
  type LiveTokensByAge,
  type RefreshFamilyRevocationReason,
  type RevocationReason,
} from '../../domain';
import { hashSecret, newAccessToken, newSecret } from '../secret-tokens';
import { OAuthGrantsReadModel } from './oauth-grants.read-model';

/** compat.md "Tokens": at most 25 refresh tokens per client per account, like access tokens. */
export const REFRESH_TOKENS_PER_CLIENT_AND_ACCOUNT = ACCESS_TOKENS_PER_CLIENT_AND_ACCOUNT;

/** Whose tokens: the grant a code or a refresh token family carries. */
export interface GrantOwner {
  readonly clientId: string;
  readonly accountId: string;
  readonly organizationId: string;
  readonly sessionId: string | null;
  readonly scopes: readonly string[];
}

/**
 * Issues and revokes the tokens of the OAuth grants. Ids are chosen by the caller beforehand,
 * because the code or family that leads to a token records its id before the token exists: a
 * reuse can then name exactly what to revoke. Tokens are shown once; only their hashes are stored.
 * `context` is the request the calling command was sent within: the events are its doing, and its
 * reply waits for them.
 */
@Injectable()
export class OAuthCredentials {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly readModel: OAuthGrantsReadModel,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A `<region>:<opaque>` access token with the id given, then the client's oldest beyond the limit
   * revoked. `live`: the client's live tokens for the account, when the caller read them already.
   */
  async issueAccessToken(context: RequestContext | undefined, tokenId: string, owner: GrantOwner, issuedAt: string, live?: LiveTokensByAge): Promise<string> {
    const accessToken = newAccessToken(this.config.region);
    await this.commands.execute(accessTokenStreamId(tokenId), accessTokenDecider, {
      kind: 'IssueAccessToken',
      tokenId,
      tokenHash: hashSecret(accessToken),
      accountId: owner.accountId,
      organizationId: owner.organizationId,
      scopes: owner.scopes,
      clientId: owner.clientId,
      sessionId: owner.sessionId,
      issuedAt,
      expiresAt: accessTokenExpiry(issuedAt),
    }, { expectNew: true, context });
    // The read model may not show the token just issued yet; it is counted once either way.
    const known = live ?? allLiveTokens(await this.readModel.liveAccessTokensOf(owner.clientId, owner.accountId));
    for (const oldest of tokensOverLimitWith(known, { token_id: tokenId, issued_at: issuedAt })) {
      await this.revokeAccessToken(context, oldest, 'limit', 'system', issuedAt);
    }
    return accessToken;
  }

  /** A new refresh token family (the token carries no region prefix), then the oldest beyond the limit revoked. */
  async startRefreshFamily(context: RequestContext | undefined, familyId: string, owner: GrantOwner, rotates: boolean, accessTokenId: string, at: string): Promise<string> {
    const refreshToken = newSecret();
    await this.commands.execute(refreshTokenStreamId(familyId), refreshTokenDecider, {
      kind: 'IssueRefreshToken',
      familyId,
      tokenHash: hashSecret(refreshToken),
      clientId: owner.clientId,
      accountId: owner.accountId,
      organizationId: owner.organizationId,
      sessionId: owner.sessionId,
      scopes: owner.scopes,
      rotates,
      accessTokenId,
      at,
    }, { expectNew: true, context });
    const live = await this.readModel.liveFamiliesOf(owner.clientId, owner.accountId);
    for (const oldest of tokensOverLimitWith(allLiveTokens(live), { token_id: familyId, issued_at: at }, REFRESH_TOKENS_PER_CLIENT_AND_ACCOUNT)) {
      // The family's access tokens are left to their own limit.
      await this.revokeFamily(context, oldest, 'limit', 'system', at, { withAccessTokens: false });
    }
    return refreshToken;
  }

  /**
   * Idempotent; a token that was never issued (its issue failed after the grant named it) is
   * skipped. True when this call revoked it.
   */
  async revokeAccessToken(context: RequestContext | undefined, tokenId: string, reason: RevocationReason, revokedBy: string, at: string): Promise<boolean> {
    try {
      const { events } = await this.commands.execute(accessTokenStreamId(tokenId), accessTokenDecider, { kind: 'RevokeAccessToken', tokenId, reason, revokedBy, at }, { context });
      return events.length > 0;
    } catch (error) {
      if (error instanceof AccessTokenNotFound) return false;
      throw error;
    }
  }

  /**
   * Revokes a family and, unless told otherwise, the access tokens it issued that may still be
   * live (the family's revocation event names them). Idempotent; an unknown family is skipped.
   * Returns how many credentials (the family and access tokens) this call revoked.
   */
  async revokeFamily(
    context: RequestContext | undefined,
    familyId: string,
    reason: RefreshFamilyRevocationReason,
    revokedBy: string,
    at: string,
    { withAccessTokens }: { withAccessTokens: boolean } = { withAccessTokens: true },
  ): Promise<number> {
    try {
      const { events, state } = await this.commands.execute(
        refreshTokenStreamId(familyId),
        refreshTokenDecider,
        { kind: 'RevokeRefreshFamily', familyId, reason, revokedBy, at },
        { context },
      );
      const tokens = withAccessTokens && state.status !== 'absent' ? await this.revokeAccessTokens(context, state.accessTokenIds, accessTokenReason(reason), revokedBy, at) : 0;
      return events.length + tokens;
    } catch (error) {
      if (error instanceof RefreshTokenFamilyNotFound) return 0;
      throw error;
    }
  }

  /** Returns how many of them this call revoked. */
  async revokeAccessTokens(context: RequestContext | undefined, tokenIds: readonly string[], reason: RevocationReason, revokedBy: string, at: string): Promise<number> {
    let revoked = 0;
    for (const tokenId of tokenIds) if (await this.revokeAccessToken(context, tokenId, reason, revokedBy, at)) revoked++;
    return revoked;
  }
}

/** The access token reason for a family's: the family-only ones (reuse detected, code reused) read as `revoked`. */
export function accessTokenReason(reason: RefreshFamilyRevocationReason): RevocationReason {
  return reason === 'reuse_detected' || reason === 'code_reused' ? 'revoked' : reason;
}
