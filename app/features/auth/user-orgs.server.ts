import { and, asc, eq } from 'drizzle-orm'
import { reauthorize, rooms } from '#app/lib/realtime/publish.server.ts'
import { memberships, organizations, sessions } from '#db/schema/index.ts'
import { asSystem, systemDb } from '#db/tenant.ts'

// A person's own memberships span tenants, so no single org scope can list them: this reads them on the owner path,
// always filtered by the signed-in user's id.

export async function listUserOrgs(userId: string) {
  return systemDb()
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.status, 'active')))
    .orderBy(asc(organizations.name))
}

/**
 * Moves the session to another org the user actively belongs to; false when they do not. The session's open
 * sockets then re-authorize, so they leave the first org's rooms at once.
 */
export async function switchSessionOrg(sessionId: string, userId: string, orgId: string) {
  const switched = await asSystem(async (tx) => {
    const [membership] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(eq(memberships.userId, userId), eq(memberships.orgId, orgId), eq(memberships.status, 'active')),
      )
    if (!membership) return false
    await tx
      .update(sessions)
      .set({ orgId })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    return true
  })
  if (switched) reauthorize([rooms.session(sessionId)])
  return switched
}
