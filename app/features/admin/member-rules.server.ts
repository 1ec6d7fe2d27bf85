import { eq } from 'drizzle-orm'
import { can } from '#app/features/auth/permissions.ts'
import { AppError } from '#app/lib/errors.ts'
import { organizations } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { countActiveOwners, getMember } from './get-member.server.ts'

/**
 * Loads the target member for a change after serializing membership changes of the org (a row lock on the org),
 * so two owners demoting each other at once cannot leave the org without an active owner.
 * Refuses what nobody may do: manage without permission, change yourself, or (as an admin) touch an owner.
 */
export async function lockMemberForChange(ctx: ServiceContext, userId: string) {
  if (!can(ctx.role, 'users:manage')) throw new AppError('forbidden', 'common:errors.forbidden.body')
  await ctx.tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
    .for('update')
  const member = await getMember(ctx, { userId })
  if (member.userId === ctx.userId) throw new AppError('forbidden', 'admin:member.errors.self')
  if (member.role === 'owner' && ctx.role !== 'owner') {
    throw new AppError('forbidden', 'admin:member.errors.ownerByAdmin')
  }
  return member
}

/** Refuses a change that would leave the org with no active owner. */
export async function assertNotLastOwner(ctx: ServiceContext, member: { role: string; status: string }) {
  if (member.role !== 'owner' || member.status !== 'active') return
  if ((await countActiveOwners(ctx)) <= 1) throw new AppError('conflict', 'admin:member.errors.lastOwner')
}
