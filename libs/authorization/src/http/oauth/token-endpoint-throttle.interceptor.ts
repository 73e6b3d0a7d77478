import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, type Observable, throwError } from 'rxjs';
import { ApiError, TooManyRequestsError } from '@app/platform';
import { TokenEndpointThrottle } from './token-endpoint-throttle';

/**
 * The token endpoint's guard against guessing: an address held back is refused before its request
 * is looked at, and every refusal it earns (a 4xx) counts against it.
 */
@Injectable()
export class TokenEndpointThrottleInterceptor implements NestInterceptor {
  constructor(private readonly throttle: TokenEndpointThrottle) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const ip = context.switchToHttp().getRequest<FastifyRequest>().ip;
    const wait = this.throttle.retryAfter(ip);
    if (wait > 0) return throwError(() => new TooManyRequestsError(wait, 'Too many refused token requests from this address; retry later.'));
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (error instanceof ApiError && error.status < 500) this.throttle.failed(ip);
        return throwError(() => error);
      }),
    );
  }
}
