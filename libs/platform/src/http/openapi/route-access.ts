import type { INestApplication } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '../public-route';

/** Who may call a route: nobody needs a credential, a credential is optional, or one is required. */
export interface RouteAccess {
  readonly credential: 'none' | 'optional' | 'required';
  /** Any one of these scopes suffices; empty: any valid credential. */
  readonly scopes: readonly string[];
}

export interface AccessMetadataKeys {
  readonly scopes: string;
  readonly optionalCredential?: string;
}

/** `Controller.method` for every route handler, as the credential guard sees it. */
export function readRouteAccess(app: INestApplication, keys: AccessMetadataKeys): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      for (const method of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[method] as () => unknown;
        const targets = [handler, controller];
        const scopes = reflector.getAllAndOverride<string[] | undefined>(keys.scopes, targets) ?? [];
        const credential = reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)
          ? 'none'
          : keys.optionalCredential && reflector.getAllAndOverride<boolean>(keys.optionalCredential, targets)
            ? 'optional'
            : 'required';
        access.set(`${controller.name}.${method}`, { credential, scopes });
      }
    }
  }
  return access;
}
