import { eq } from 'drizzle-orm'
import { hashPassword, verifyPassword } from '#app/features/auth/password.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { users } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/**
 * Replaces the caller's password after checking the current one; false when that check fails.
 * The caller ends the user's other sessions once this commits (invalidateUserSessions on the owner path).
 */
export async function changePassword(
  ctx: ServiceContext,
  input: { currentPassword: string; newPassword: string },
) {
  const [user] = await ctx.tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, ctx.userId))
  if (!user) throw new AppError('not_found', 'User not found')
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) return false
  await ctx.tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword) })
    .where(eq(users.id, ctx.userId))
  await ctx.audit({ action: 'auth.password_changed', targetType: 'user', targetId: ctx.userId })
  return true
}
