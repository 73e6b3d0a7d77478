import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA, PARAMTYPES_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';

/**
 * The admin CLI's commands without anything they need to run: enough for `--help`, which only
 * reads their declarations. Opening the database (and migrating it) just to print usage would
 * take seconds, and fail on a machine that has no database yet.
 */
export function helpOnlyModule(adminModule: Type<unknown>): DynamicModule {
  const commands = ((Reflect.getMetadata(MODULE_METADATA.PROVIDERS, adminModule) ?? []) as Provider[]).filter(
    (provider): provider is Type<unknown> => typeof provider === 'function',
  );
  return { module: class AdminHelpModule {}, providers: [...commands, ...placeholdersFor(commands)] };
}

/** An empty stand-in for each constructor dependency; run() is never called in help mode. */
function placeholdersFor(commands: readonly Type<unknown>[]): Provider[] {
  const tokens = new Set<unknown>();
  for (const command of commands) {
    const types = (Reflect.getMetadata(PARAMTYPES_METADATA, command) ?? []) as unknown[];
    const declared = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, command) ?? []) as { index: number; param: unknown }[];
    types.forEach((type, index) => tokens.add(declared.find((d) => d.index === index)?.param ?? type));
  }
  return [...tokens].filter((token) => !commands.includes(token as Type<unknown>)).map((token) => ({ provide: token as string, useValue: {} }));
}
