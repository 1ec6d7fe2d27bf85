import { and, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm'
import { publish, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { rowsOf } from '#db/rows.ts'
import { memberships, notifications, partnerships, type Role } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type NotifyInput = {
  partnershipId: string
  /** Whose people are told; the acting user never is. */
  audience: 'host' | 'partner' | 'both'
  /** What happened, e.g. 'promotion.approved', 'claim.submitted'. */
  kind: string
  /** A key of the 'notifications' namespace (e.g. 'claimSubmitted'), rendered in the reader's language. */
  messageKey: string
  /** Interpolation values; `actor` and `actorOrg` (who did it) are added when not given. */
  values: Record<string, string>
  /** App path the notification opens, e.g. `/promotions/${id}/claims`. */
  link: string
  source?: { type: string; id: string }
}

/** The pushed event a signed-in person's bell counts (payload names the org, as notifications are per org). */
export const NOTIFICATION_EVENT = 'notification:new'
export type NotificationPush = { orgId: string; id: string }

// Host side: the people who decide (and the partnership's account manager, whatever their role). Partner side:
// its staff who read promotions; member_own is left out because it sees only its own records, so a notification
// could name one it may not open.
const hostRoles: Role[] = ['owner', 'admin', 'manager']
const partnerRoles: Role[] = ['owner', 'admin', 'manager', 'member', 'viewer']

/** Stored keys carry their namespace, so any reader's `t` renders them. */
export function namespacedKey(messageKey: string) {
  return messageKey.includes(':') ? messageKey : `notifications:${messageKey}`
}

/**
 * Tells the people of one or both orgs of a partnership that something happened: one row per recipient, inserted
 * in the caller's transaction (a rolled-back change notifies no one). Their bells are pushed once it commits; email
 * follows per each person's `notification_email` preference (send-notification-emails.server.ts). Call it after the
 * change, in the same service.
 */
export async function notifyPartnership(ctx: ServiceContext, input: NotifyInput): Promise<void> {
  const [partnership] = await ctx.tx
    .select({
      hostOrgId: partnerships.hostOrgId,
      partnerOrgId: partnerships.partnerOrgId,
      accountManagerId: partnerships.accountManagerId,
    })
    .from(partnerships)
    .where(eq(partnerships.id, input.partnershipId))
  // Row-level security shows only the caller's partnerships: a caller who got here without one is a bug.
  if (!partnership) throw new Error(`notifyPartnership: partnership ${input.partnershipId} not visible`)

  const sides: SQL[] = []
  if (input.audience !== 'partner') {
    const manager = partnership.accountManagerId
    sides.push(
      and(
        eq(memberships.orgId, partnership.hostOrgId),
        manager
          ? or(inArray(memberships.role, hostRoles), eq(memberships.userId, manager))
          : inArray(memberships.role, hostRoles),
      ) as SQL,
    )
  }
  if (input.audience !== 'host') {
    sides.push(
      and(eq(memberships.orgId, partnership.partnerOrgId), inArray(memberships.role, partnerRoles)) as SQL,
    )
  }
  // Memberships RLS lets an org read its own and its partners' memberships.
  const recipients = await ctx.tx
    .select({ userId: memberships.userId, orgId: memberships.orgId })
    .from(memberships)
    .where(and(eq(memberships.status, 'active'), ne(memberships.userId, ctx.userId), or(...sides)))
  if (recipients.length === 0) return

  const [who] = await rowsOf<{ actor: string | null; actorOrg: string | null }>(
    ctx.tx,
    sql`select (select name from users where id = ${ctx.userId}) as "actor",
               (select name from organizations where id = ${ctx.orgId}) as "actorOrg"`,
  )
  const values = { actor: who?.actor ?? '', actorOrg: who?.actorOrg ?? '', ...input.values }

  // Ids are made here rather than RETURNING'd: a person may SELECT only their own rows, and RETURNING would
  // need that for every recipient's.
  const rows = recipients.map((r) => ({
    id: crypto.randomUUID(),
    orgId: r.orgId,
    userId: r.userId,
    partnershipId: input.partnershipId,
    kind: input.kind,
    messageKey: namespacedKey(input.messageKey),
    values,
    link: input.link,
    sourceType: input.source?.type ?? null,
    sourceId: input.source?.id ?? null,
    actorId: ctx.userId,
  }))
  await ctx.tx.insert(notifications).values(rows)

  // Pushed only once committed, so a bell that counts it can always open it.
  afterCommit(ctx.tx, () => {
    for (const row of rows) {
      const push: NotificationPush = { orgId: row.orgId, id: row.id }
      publish(rooms.user(row.userId), NOTIFICATION_EVENT, push)
    }
  })
}
