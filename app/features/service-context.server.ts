import type { TandemLoadContext } from '#app/lib/load-context.ts'
import type { Tx } from '#db/client.ts'
import type { OrgKind, Role } from '#db/schema/organizations.ts'
import { withTenant } from '#db/tenant.ts'
import { type AuditInput, recordAudit } from './audit/record-audit.server.ts'
import type { AuthContext } from './auth/require.server.ts'

/** What every service receives: a transaction scoped by RLS to the caller, and who the caller is. */
export type ServiceContext = {
  tx: Tx
  userId: string
  orgId: string
  orgKind: OrgKind
  role: Role
  audit: (event: AuditInput) => Promise<void>
}

/** Who a service runs as: a member of an org, in a role. */
export type Caller = Pick<ServiceContext, 'orgId' | 'userId' | 'orgKind' | 'role'>

/** Where the call came from, for the audit log (null outside a request: jobs, sockets, the seed). */
export type CallOrigin = { ip: string | null; requestId: string | null }

/**
 * The one way to build a ServiceContext: the caller's identity on a transaction that is already scoped to them
 * (withTenant), with audit events recorded in that transaction.
 */
export function serviceContext(tx: Tx, caller: Caller, from: CallOrigin = noOrigin): ServiceContext {
  const actor = { orgId: caller.orgId, userId: caller.userId, ...from }
  return {
    tx,
    userId: caller.userId,
    orgId: caller.orgId,
    orgKind: caller.orgKind,
    role: caller.role,
    audit: (event) => recordAudit(tx, actor, event),
  }
}

const noOrigin: CallOrigin = { ip: null, requestId: null }

/** Runs fn as `caller` in a new transaction scoped to them by row-level security. */
export function runAs<T>(
  caller: Caller,
  fn: (ctx: ServiceContext) => Promise<T>,
  from: CallOrigin = noOrigin,
): Promise<T> {
  return withTenant({ orgId: caller.orgId, userId: caller.userId }, (tx) =>
    fn(serviceContext(tx, caller, from)),
  )
}

/** Runs fn for a request's signed-in user, in their active org. */
export function runService<T>(
  auth: AuthContext,
  load: Pick<TandemLoadContext, 'ip' | 'requestId'>,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  const caller = { orgId: auth.org.id, userId: auth.user.id, orgKind: auth.org.kind, role: auth.role }
  return auth.db((tx) => fn(serviceContext(tx, caller, { ip: load.ip, requestId: load.requestId })))
}
