import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { ConfigError } from './config-error';

/** Constraints that mean "missing" come first: they explain a failure better than a format rule. */
const PRESENCE_CONSTRAINTS = ['isDefined', 'isNotEmpty'];

/**
 * Read and check the settings at boot; throws a ConfigError naming every bad setting.
 * Empty variables count as unset, as docker-compose's `NAME=` lines produce them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const config = plainToInstance(AppConfig, withoutEmptyValues(env), {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(errors.map(describeProblem));
  return Object.freeze(config);
}

function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== '') present[name] = value;
  }
  return present;
}

function describeProblem(error: ValidationError): string {
  const constraints = error.constraints ?? {};
  const name = PRESENCE_CONSTRAINTS.find((constraint) => constraint in constraints) ?? Object.keys(constraints)[0];
  const message = constraints[name] ?? `${error.property} is invalid`;
  const secret = Object.values(error.contexts ?? {}).some((context) => context?.secret === true);
  if (secret || error.value === undefined) return message;
  return `${message} (got '${String(error.value)}')`;
}
