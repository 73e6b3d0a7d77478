import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'platform:public-route';

/**
 * Marks a route (or controller) as needing no credentials. Every other route is refused without
 * one by the credential guard: the default is deny.
 */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
