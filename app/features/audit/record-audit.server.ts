import type { Tx } from '#db/client.ts'
import { auditEvents } from '#db/schema/index.ts'

export type AuditInput = {
  action: string
  targetType?: string
  targetId?: string
  data?: Record<string, unknown>
}

export type AuditActor = { orgId: string; userId: string | null; ip: string | null; requestId: string | null }

/** Appends one audit event in the caller's transaction, so it lands exactly when the change does. */
export async function recordAudit(tx: Tx, actor: AuditActor, event: AuditInput) {
  await tx.insert(auditEvents).values({
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    data: event.data,
    ip: actor.ip,
    requestId: actor.requestId,
  })
}
