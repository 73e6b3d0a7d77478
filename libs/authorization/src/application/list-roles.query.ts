import { Query } from '@nestjs/cqrs';
import type { RoleView } from '../domain';

export class ListRolesQuery extends Query<RoleView[]> {
  constructor(readonly organizationId: string) {
    super();
  }
}
