import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The API contract this service implements: apps/api/spec/global-accounts-api.v2.yml, vendored
 * from the shared spec, and its JSON rendering (what is read here: no YAML parser ships to
 * production). test/ops/vendored-spec.spec.ts keeps the three in step.
 */
export const CONTRACT_FILE = path.join('apps', 'api', 'spec', 'global-accounts-api.v2.json');

/** The repository root (or the image's /app): the nearest folder above this file holding the contract. */
export function findContractFile(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, CONTRACT_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find ${CONTRACT_FILE} above ${from}`);
  }
}

export function loadContract(): OpenAPIObject {
  return JSON.parse(readFileSync(findContractFile(), 'utf8')) as OpenAPIObject;
}
