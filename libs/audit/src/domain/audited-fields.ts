import { REDACTED } from './audit-entry';

/**
 * What an event sets, as flat field paths with their new values (null: removed). The audit keeps
 * the last value of each field per stream, so an update shows "before -> after" without the
 * aggregate's own state. `consumed` names the data keys the changes already show.
 */
export interface FieldAssignments {
  readonly set: Readonly<Record<string, unknown>>;
  readonly consumed: readonly string[];
}

type Data = Record<string, unknown>;
type Fields = Readonly<Record<string, unknown>>;

const NONE: FieldAssignments = { set: {}, consumed: [] };

function pick(data: Data, keys: readonly string[]): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const key of keys) if (key in data) set[key] = data[key];
  return set;
}

function company(prefix: string, value: unknown): Record<string, unknown> {
  const set: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries((value as Data | undefined) ?? {})) set[`${prefix}.${key}`] = inner ?? null;
  return set;
}

/** Where an organization's stream keeps its members' roles: `roles.<account>.<product>`. */
const MEMBER_ROLES = 'roles.';

/** The fields of one member's roles. */
const memberRoles = (accountId: unknown): string => `${MEMBER_ROLES}${String(accountId)}.`;

const ACCOUNT_FIELDS = ['email', 'name', 'avatar_url', 'default_product', 'email_verified'];
const CLIENT_FIELDS = ['name', 'type', 'visibility', 'redirect_uris', 'scopes'];
const ROLE_FIELDS = ['role', 'product', 'scopes'];

export function assignmentsOf(type: string, data: Data, fields: Fields): FieldAssignments {
  switch (type) {
    case 'AccountCreated':
      return { set: pick(data, ACCOUNT_FIELDS), consumed: ACCOUNT_FIELDS };
    case 'AccountUpdated':
    case 'OAuthClientUpdated':
      return { set: { ...(data.changes as Data) }, consumed: ['changes'] };
    case 'AccountPasswordSet':
      return { set: { password: REDACTED }, consumed: ['password_hash'] };
    case 'OrganizationCreated':
      return { set: { name: data.name, ...company('company', data.company) }, consumed: ['name', 'company'] };
    case 'OrganizationUpdated': {
      const changes = data.changes as Data;
      return { set: { ...pick(changes, ['name']), ...company('company', changes.company) }, consumed: ['changes'] };
    }
    case 'OrganizationMemberAdded': {
      // Members recorded before roles joined with them set none here: their roles follow as events.
      const set: Record<string, unknown> = {};
      for (const role of (data.roles as { product: string; role: string }[] | undefined) ?? []) set[`${memberRoles(data.account_id)}${role.product}`] = role.role;
      return { set, consumed: ['roles'] };
    }
    case 'OrganizationMemberRoleSet': {
      const role = data.role as { product: string; role: string };
      return { set: { [`${memberRoles(data.account_id)}${role.product}`]: role.role }, consumed: ['role'] };
    }
    case 'OrganizationMemberRoleRemoved': {
      const role = data.role as { product: string };
      return { set: { [`${memberRoles(data.account_id)}${role.product}`]: null }, consumed: ['role'] };
    }
    case 'OrganizationMemberRemoved': {
      const prefix = memberRoles(data.account_id);
      const set: Record<string, unknown> = {};
      // In field order: a context holds them in the order they were set or read back, which a
      // rebuild's batches need not share with the live ones.
      const held = Object.keys(fields).filter((field) => field.startsWith(prefix) && fields[field] !== null);
      for (const field of held.sort()) set[field] = null;
      return { set, consumed: [] };
    }
    case 'OAuthClientRegistered':
      return { set: pick(data, CLIENT_FIELDS), consumed: CLIENT_FIELDS };
    case 'CustomRoleCreated':
      return { set: pick(data, ROLE_FIELDS), consumed: ROLE_FIELDS };
    default:
      return NONE;
  }
}

/**
 * An organization's stream keeps a field per member and product (`roles.<account>.<product>`), so
 * their number grows with the organization: the projection keeps them apart from the rest of the
 * stream's context and reads only those a batch's events consult.
 */
export function isMemberField(field: string): boolean {
  return field.startsWith(MEMBER_ROLES);
}

/** The fields `assignmentsOf` reads or sets for an event: by name, and by name prefix. */
export interface ConsultedFields {
  readonly names: readonly string[];
  readonly prefixes: readonly string[];
}

export function fieldsConsultedBy(type: string, data: Data): ConsultedFields {
  // A member who leaves loses every role it has: whichever products those are.
  if (type === 'OrganizationMemberRemoved') return { names: [], prefixes: [memberRoles(data.account_id)] };
  return { names: Object.keys(assignmentsOf(type, data, {}).set), prefixes: [] };
}
