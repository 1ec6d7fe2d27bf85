import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import type { OrgKind, Role } from '#db/schema/index.ts'
import { withTenant } from '#db/tenant.ts'

export type Caller = { orgId: string; userId: string; orgKind: OrgKind; role: Role }

/** Runs a service as this caller, in an RLS-scoped transaction, as runService does for a request. */
export function asCaller<T>(caller: Caller, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return withTenant({ orgId: caller.orgId, userId: caller.userId }, (tx) =>
    fn({
      tx,
      ...caller,
      audit: (event) =>
        recordAudit(tx, { orgId: caller.orgId, userId: caller.userId, ip: null, requestId: null }, event),
    }),
  )
}
