import { count, desc, eq } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { emailOutbox } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'

/** Emails kept for the caller's org (no SMTP server configured), newest first. */
export async function listOutbox(ctx: ServiceContext, page: PageRequest) {
  const where = eq(emailOutbox.orgId, ctx.orgId)
  const [emails, [total]] = await Promise.all([
    ctx.tx
      .select({
        id: emailOutbox.id,
        toAddress: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        template: emailOutbox.template,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(where)
      .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
      .limit(page.pageSize)
      .offset(page.offset),
    ctx.tx.select({ n: count() }).from(emailOutbox).where(where),
  ])
  return { emails, total: total?.n ?? 0 }
}
