import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { Credential } from '../contracts/credential';
import { CredentialVerifier } from '../application/credential-verifier';

/** `Authorization: Bearer <access token>`. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly verifier: CredentialVerifier) {
    super();
  }

  async validate(token: string): Promise<Credential | false> {
    return (await this.verifier.accessToken(token)) ?? false;
  }
}
