import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentCredential, RequireScopes, type Credential } from '@app/authorization';
import { NotFoundError } from '@app/platform';
import { ListAuditEntriesQuery, type AuditPage } from '../application/list-audit-entries.query';
import { parseAuditRequest } from './audit-request';

/**
 * An extension to the spec: the caller's organization's audit timeline, newest first, paged by
 * an opaque cursor. Other organizations do not exist for it (404, as everywhere).
 */
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequireScopes('organization--my:rw')
  list(@Query() query: Record<string, unknown>, @CurrentCredential() credential: Credential): Promise<AuditPage> {
    const { filter, limit, before } = parseAuditRequest(query);
    if (filter.organizationId && filter.organizationId !== credential.organizationId) throw new NotFoundError('organization', filter.organizationId);
    const { organizationId: _own, ...rest } = filter;
    return this.queries.execute(new ListAuditEntriesQuery(credential.organizationId, rest, limit, before));
  }
}
