import { desc, eq } from 'drizzle-orm'
import { sessions } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** The caller's own sessions (in every org), most recently used first. */
export async function listMySessions(ctx: ServiceContext) {
  return ctx.tx
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, ctx.userId))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200)
}
