import { and, eq } from 'drizzle-orm'
import { reauthorize, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { memberships } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertNotLastOwner, lockMemberForChange } from './member-rules.server.ts'

/**
 * Deactivates or reactivates a membership. After a deactivation commits, the caller must end the user's
 * sessions in this org (invalidateUserSessions on the owner path); sign-in already refuses inactive members.
 * Their other sockets re-authorize once it commits: one opened in this org and since moved to another keeps
 * nothing of this one.
 */
export async function setMemberStatus(
  ctx: ServiceContext,
  input: { userId: string; status: 'active' | 'deactivated' },
) {
  const member = await lockMemberForChange(ctx, input.userId)
  if (member.status === input.status) return { changed: false }
  if (input.status === 'deactivated') await assertNotLastOwner(ctx, member)
  await ctx.tx
    .update(memberships)
    .set({ status: input.status })
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, member.userId)))
  afterCommit(ctx.tx, () => reauthorize([rooms.user(member.userId)]))
  await ctx.audit({
    action: input.status === 'deactivated' ? 'member.deactivated' : 'member.reactivated',
    targetType: 'user',
    targetId: member.userId,
    data: { role: member.role },
  })
  return { changed: true }
}
