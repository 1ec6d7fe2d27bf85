import { and, eq } from 'drizzle-orm'
import { assignableRoles } from '#app/features/auth/permissions.ts'
import { AppError } from '#app/lib/errors.ts'
import { reauthorize, rooms } from '#app/lib/realtime/publish.server.ts'
import { afterCommit } from '#db/after-commit.ts'
import { memberships, type Role } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertNotLastOwner, lockMemberForChange } from './member-rules.server.ts'

/**
 * Gives a member of the caller's org another role, within what the caller may hand out. Their open sockets
 * re-authorize once it commits (a demoted member leaves the rooms the new role may not open).
 */
export async function changeMemberRole(ctx: ServiceContext, input: { userId: string; role: Role }) {
  const member = await lockMemberForChange(ctx, input.userId)
  if (!assignableRoles(ctx.role).includes(input.role)) {
    throw new AppError('forbidden', 'admin:member.errors.roleNotAssignable')
  }
  if (member.role === input.role) return { changed: false }
  if (input.role !== 'owner') await assertNotLastOwner(ctx, member)
  await ctx.tx
    .update(memberships)
    .set({ role: input.role })
    .where(and(eq(memberships.orgId, ctx.orgId), eq(memberships.userId, member.userId)))
  afterCommit(ctx.tx, () => reauthorize([rooms.user(member.userId)]))
  await ctx.audit({
    action: 'member.role_changed',
    targetType: 'user',
    targetId: member.userId,
    data: { from: member.role, to: input.role },
  })
  return { changed: true }
}
