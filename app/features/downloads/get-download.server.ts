import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { AppError } from '#app/lib/errors.ts'
import { isId } from '#app/lib/ids.ts'
import { downloads } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** A prepared download belongs to the person who asked for it (RLS keeps it in their org as well). */
export async function getDownload(ctx: ServiceContext, id: string) {
  if (!isId(id)) throw new AppError('not_found', 'downloads:errors.notFound')
  const [row] = await ctx.tx
    .select()
    .from(downloads)
    .where(and(eq(downloads.id, id), eq(downloads.orgId, ctx.orgId), eq(downloads.requestedById, ctx.userId)))
  if (!row) throw new AppError('not_found', 'downloads:errors.notFound')
  const expired = row.expiresAt.getTime() < Date.now()
  return { ...row, expired }
}
