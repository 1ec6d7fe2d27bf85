import type { Role } from '#db/schema/organizations.ts'

export const roles = ['owner', 'admin', 'manager', 'member', 'member_own', 'viewer', 'portal'] as const

/** Internal staff roles, strongest first; `portal` is a customer's portal user. */
const staff: Role[] = ['owner', 'admin', 'manager', 'member', 'member_own', 'viewer']

const matrix = {
  'org:settings': ['owner', 'admin'],
  'users:read': ['owner', 'admin', 'manager'],
  'users:manage': ['owner', 'admin'],
  'users:invite': ['owner', 'admin'],
  'audit:read': ['owner', 'admin'],
  'outbox:read': ['owner'],
  'partners:read': [...staff, 'portal'],
  'partners:invite': ['owner', 'admin', 'manager'],
  'partners:status': ['owner', 'admin', 'manager'],
  // Products are the seller's own catalogue: staff only.
  'products:read': staff,
  'products:manage': ['owner', 'admin', 'manager'],
  // Quotes and invoices: both sides of a partnership read them; the seller's staff write them (member_own only
  // the ones they own); the buyer's side accepts or declines quotes.
  'quotes:read': [...staff, 'portal'],
  'quotes:write': ['owner', 'admin', 'manager', 'member', 'member_own'],
  'quotes:respond': ['owner', 'admin', 'manager', 'member', 'member_own', 'portal'],
  'invoices:read': [...staff, 'portal'],
  'invoices:write': ['owner', 'admin', 'manager', 'member', 'member_own'],
  'invoices:payments': ['owner', 'admin', 'manager'],
  'invoices:void': ['owner', 'admin', 'manager'],
  // Chat and documents: partnership channels and shared folders are open to both sides; internal channels and
  // folders to the org's staff only (the services check the channel or folder kind). Viewers read, never write.
  'chat:read': [...staff, 'portal'],
  'chat:write': ['owner', 'admin', 'manager', 'member', 'member_own', 'portal'],
  'chat:internal': staff,
  'chat:manage': ['owner', 'admin', 'manager'],
  'documents:read': [...staff, 'portal'],
  'documents:write': ['owner', 'admin', 'manager', 'member', 'member_own', 'portal'],
  'documents:internal': staff,
  'documents:folders': ['owner', 'admin', 'manager', 'member'],
  // Co-op / MDF funds: the manufacturer's staff read them and managers move money; a partner's people read their
  // own partnership's allocations (the services check which side the caller is on).
  'funds:read': [...staff, 'portal'],
  'funds:manage': ['owner', 'admin', 'manager'],
  // Promotions: both sides of a partnership draft and edit them; the manufacturer's managers decide on funding.
  'promotions:read': [...staff, 'portal'],
  'promotions:write': ['owner', 'admin', 'manager', 'member', 'member_own'],
  'promotions:approve': ['owner', 'admin', 'manager'],
  // Co-forecasts: both sides of a partnership read the plan; editing roles change their own side's figures.
  'forecasts:read': [...staff, 'portal'],
  'forecasts:write': ['owner', 'admin', 'manager', 'member', 'member_own'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof matrix

/** Roles that see only the records they own (docs/architecture.md, “Who checks what”). */
export function seesOwnOnly(role: Role): boolean {
  return role === 'member_own'
}

export function can(role: Role, permission: Permission): boolean {
  return (matrix[permission] as readonly Role[]).includes(role)
}

/** Roles an inviter may hand out: never more than their own. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return [...roles]
  if (role === 'admin') return roles.filter((r) => r !== 'owner')
  return []
}
