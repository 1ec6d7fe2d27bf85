import { and, eq } from 'drizzle-orm'
import { memberships, organizations, users } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { runAs, type ServiceContext } from './service-context.server.ts'

export type Member = { orgId: string; userId: string }

/**
 * Background work on someone's behalf (a ZIP they asked for) runs with exactly their current rights: their role is
 * read again now, and the work runs in their row-level security scope. Null when they are no longer an active
 * member of the org.
 */
export async function runAsMember<T>(
  member: Member,
  fn: (ctx: ServiceContext, who: { locale: string; timeZone: string }) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  const [row] = await asSystem((tx) =>
    tx
      .select({
        role: memberships.role,
        orgKind: organizations.kind,
        locale: users.locale,
        orgLocale: organizations.locale,
        timeZone: organizations.timeZone,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.orgId, member.orgId),
          eq(memberships.userId, member.userId),
          eq(memberships.status, 'active'),
        ),
      ),
  )
  if (!row) return { ok: false }
  const who = { locale: row.locale ?? row.orgLocale, timeZone: row.timeZone }
  const value = await runAs({ ...member, orgKind: row.orgKind, role: row.role }, (ctx) => fn(ctx, who))
  return { ok: true, value }
}
