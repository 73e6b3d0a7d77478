import { Controller, Get } from '@nestjs/common';
import { PublicRoute } from '@app/platform';
import { KNOWN_SCOPES, parseScopeName } from '../domain';

const RANGES: Record<string, string> = { my: 'your own', all: "every account's" };
const ACCESS: Record<string, string> = { ro: 'Read', rw: 'Read and change', rc: 'Read and create' };

/** The scopes clients may ask for, for client registration tools. */
@Controller('scopes')
@PublicRoute()
export class ScopesController {
  @Get()
  list(): { scope: string; description: string }[] {
    return KNOWN_SCOPES.map((scope) => {
      const parts = parseScopeName(scope)!;
      return { scope, description: `${ACCESS[parts.access]} ${RANGES[parts.range]} ${parts.resource.replace('.', ' ')}` };
    });
  }
}
