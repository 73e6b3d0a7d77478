import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { BasicStrategy as Strategy } from 'passport-http';
import type { Credential } from '../contracts/credential';
import { CredentialVerifier } from '../application/credential-verifier';

/** `Authorization: Basic base64(account_id:personal access token)`. */
@Injectable()
export class BasicStrategy extends PassportStrategy(Strategy, 'basic') {
  constructor(private readonly verifier: CredentialVerifier) {
    super();
  }

  async validate(accountId: string, token: string): Promise<Credential | false> {
    return (await this.verifier.personalAccessToken(accountId, token)) ?? false;
  }
}
