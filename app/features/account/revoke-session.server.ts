import { and, eq, ne } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { disconnectSessions } from '#app/lib/realtime/publish.server.ts'
import { sessions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

// Sockets of a revoked session close at once; if the transaction then failed, they reconnect and re-authenticate.
const revoked = { id: sessions.id, ip: sessions.ip, userAgent: sessions.userAgent }

/** Signs one of the caller's own sessions out; any other id (someone else's, unknown) matches nothing. */
export async function revokeSession(ctx: ServiceContext, input: { sessionId: string }) {
  const [row] = await ctx.tx
    .delete(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, ctx.userId)))
    .returning(revoked)
  if (!row) throw new AppError('not_found', 'account:sessions.notFound')
  disconnectSessions([row.id])
  await ctx.audit({
    action: 'auth.session_revoked',
    targetType: 'user',
    targetId: ctx.userId,
    data: { scope: 'one', ip: row.ip, userAgent: row.userAgent },
  })
}

/** Signs the caller out everywhere except the session in use; returns how many ended. */
export async function revokeOtherSessions(ctx: ServiceContext, input: { currentSessionId: string }) {
  const rows = await ctx.tx
    .delete(sessions)
    .where(and(eq(sessions.userId, ctx.userId), ne(sessions.id, input.currentSessionId)))
    .returning(revoked)
  disconnectSessions(rows.map((r) => r.id))
  if (rows.length > 0) {
    await ctx.audit({
      action: 'auth.session_revoked',
      targetType: 'user',
      targetId: ctx.userId,
      data: { scope: 'others', count: rows.length },
    })
  }
  return { count: rows.length }
}
