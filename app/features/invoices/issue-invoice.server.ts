import { eq, sql } from 'drizzle-orm'
import { addDays, daysBetween, todayIn, yearOf } from '#app/lib/dates.ts'
import { AppError } from '#app/lib/errors.ts'
import { invoiceLines, invoices, organizations } from '#db/schema/index.ts'
import { sendEmail } from '#emails/send.server.ts'
import { buyerRecipients } from '../billing/buyer-recipients.server.ts'
import { nextDocumentNumber } from '../billing/numbering.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertSeller, assertVersion, findInvoice } from './find-invoice.server.ts'

const MAX_TERMS_DAYS = 365

/**
 * Issues a draft: the number (sequential per org and year, taken in this transaction so a failed issue gives it
 * back), the issue date (today in the seller's time zone) and the due date (issue date + payment terms, or the
 * date given, which sets the terms), then emails the buyer's people. From here on the invoice is only paid or
 * voided.
 */
export async function issueInvoice(
  ctx: ServiceContext,
  id: string,
  input: { version: number; dueDate?: string; origin: string; timeZone: string },
) {
  const found = await findInvoice(ctx, id, true)
  assertSeller(found)
  const { invoice } = found
  if (invoice.status !== 'draft') throw new AppError('conflict', 'invoices:errors.notDraft')
  assertVersion(found, input.version)
  const [{ lineCount }] = await ctx.tx
    .select({ lineCount: sql<number>`count(*)::int` })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoice.id))
  if (lineCount === 0) throw new AppError('invalid', 'invoices:errors.linesRequired')
  if (invoice.total <= 0) throw new AppError('invalid', 'invoices:errors.totalZero')

  const issueDate = todayIn(input.timeZone)
  let termsDays = invoice.paymentTermsDays
  if (input.dueDate) {
    termsDays = daysBetween(issueDate, input.dueDate)
    if (Number.isNaN(termsDays)) throw new AppError('invalid', 'invoices:errors.dateInvalid')
    if (termsDays < 0) throw new AppError('invalid', 'invoices:errors.dueBeforeIssue')
    if (termsDays > MAX_TERMS_DAYS) throw new AppError('invalid', 'invoices:errors.dueTooFar')
  }
  const dueDate = addDays(issueDate, termsDays)
  const number = await nextDocumentNumber(ctx.tx, ctx.orgId, 'invoice', yearOf(issueDate))
  await ctx.tx
    .update(invoices)
    .set({
      number,
      status: 'issued',
      issueDate,
      dueDate,
      paymentTermsDays: termsDays,
      issuedAt: new Date(),
      version: sql`${invoices.version} + 1`,
    })
    .where(eq(invoices.id, invoice.id))

  const [seller] = await ctx.tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
  const people = await buyerRecipients(ctx.tx, found.partnerOrgId)
  const invoiceUrl = new URL(`/invoices/${invoice.id}`, input.origin).toString()
  for (const person of people) {
    await sendEmail({
      tx: ctx.tx,
      orgId: ctx.orgId,
      to: person.email,
      locale: person.locale,
      template: 'invoice-issued',
      props: {
        sellerName: seller.name,
        number,
        total: invoice.total,
        currency: invoice.currency,
        dueDate,
        invoiceUrl,
      },
    })
  }
  await ctx.audit({
    action: 'invoice.issued',
    targetType: 'invoice',
    targetId: invoice.id,
    data: { number, issueDate, dueDate, total: invoice.total, recipients: people.length },
  })
  return { number, issueDate, dueDate, recipients: people.length }
}
