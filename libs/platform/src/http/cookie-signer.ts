import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../nest/tokens';

/**
 * Signs values put in cookies (`<value>.<hmac>`), so a cookie names a session only if this
 * deployment made it. The session id alone is never enough to pose as someone.
 */
@Injectable()
export class CookieSigner {
  private readonly secret: Buffer;
  private warned: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.warned = !!config.cookieSecret;
    this.secret = config.cookieSecret ? Buffer.from(config.cookieSecret, 'utf8') : randomBytes(32);
  }

  sign(value: string): string {
    if (!this.warned) {
      // Said on first use, not at start: processes that never sign (the admin CLI) stay quiet.
      this.warned = true;
      new Logger('Sessions').warn('COOKIE_SECRET is not set: sign-in sessions last as long as this process and work on it only');
    }
    return `${value}.${this.mac(value)}`;
  }

  /** The signed value, or undefined when the cookie was not made here. */
  verify(cookie: string | undefined): string | undefined {
    if (!cookie) return undefined;
    const dot = cookie.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const value = cookie.slice(0, dot);
    const given = Buffer.from(cookie.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(value), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  private mac(value: string): string {
    return createHmac('sha256', this.secret).update(value, 'utf8').digest('base64url');
  }
}
