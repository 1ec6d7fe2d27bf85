import { and, eq } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { emailOutbox } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** One kept email of the caller's org; another org's id is simply not found. */
export async function getOutboxEmail(ctx: ServiceContext, input: { id: string }) {
  const [email] = await ctx.tx
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.id, input.id), eq(emailOutbox.orgId, ctx.orgId)))
  if (!email) throw new AppError('not_found', 'admin:outbox.notFound')
  return email
}
