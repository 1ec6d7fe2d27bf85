import type { TandemLoadContext } from '#app/lib/load-context.ts'
import type { Tx } from '#db/client.ts'
import type { OrgKind, Role } from '#db/schema/organizations.ts'
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

export function runService<T>(
  auth: AuthContext,
  load: Pick<TandemLoadContext, 'ip' | 'requestId'>,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  return auth.db((tx) => {
    const actor = { orgId: auth.org.id, userId: auth.user.id, ip: load.ip, requestId: load.requestId }
    return fn({
      tx,
      userId: auth.user.id,
      orgId: auth.org.id,
      orgKind: auth.org.kind,
      role: auth.role,
      audit: (event) => recordAudit(tx, actor, event),
    })
  })
}
