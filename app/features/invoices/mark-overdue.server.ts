import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { daysBetween, todayIn } from '#app/lib/dates.ts'
import { getConfig } from '#config/env.ts'
import { rowsOf } from '#db/rows.ts'
import { invoices, partnerships } from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { sendEmail } from '#emails/send.server.ts'
import { buyerRecipients } from '../billing/buyer-recipients.server.ts'

/** remindersSent counts invoices reminded (each to all of the buyer's billing contacts). */
export type OverdueSweepResult = { markedOverdue: number; remindersSent: number }

/**
 * The daily sweep: issued or part-paid invoices past their due date (in the seller's time zone) become overdue,
 * and each overdue invoice gets at most one reminder per INVOICE_REMINDER_DAYS. It works org by org in that
 * org's row-level security scope; only the list of orgs with due invoices is read on the owner path.
 */
export async function sweepOverdueInvoices(options: {
  now?: Date
  origin: string
  /** Limit the sweep to one seller org (an operator re-running it for one customer; tests). */
  orgId?: string
}): Promise<OverdueSweepResult> {
  const now = options.now ?? new Date()
  const hosts = await asSystem((tx) =>
    rowsOf<{ id: string; timeZone: string; name: string }>(
      tx,
      sql`select distinct o.id, o.time_zone as "timeZone", o.name from invoices i
          join organizations o on o.id = i.host_org_id
          where i.status in ('issued', 'partially_paid', 'overdue') and i.due_date is not null
            and (${options.orgId ?? null}::uuid is null or o.id = ${options.orgId ?? null}::uuid)`,
    ),
  )
  const result: OverdueSweepResult = { markedOverdue: 0, remindersSent: 0 }
  for (const host of hosts) {
    const today = todayIn(host.timeZone, now)
    const counts = await withTenant({ orgId: host.id, userId: null }, (tx) =>
      sweepOrg(tx, { orgId: host.id, sellerName: host.name, today, now, origin: options.origin }),
    )
    result.markedOverdue += counts.markedOverdue
    result.remindersSent += counts.remindersSent
  }
  return result
}

type OrgSweep = { orgId: string; sellerName: string; today: string; now: Date; origin: string }

async function sweepOrg(tx: Parameters<Parameters<typeof withTenant>[1]>[0], input: OrgSweep) {
  const marked = await tx
    .update(invoices)
    .set({ status: 'overdue' })
    .where(
      and(
        eq(invoices.hostOrgId, input.orgId),
        inArray(invoices.status, ['issued', 'partially_paid']),
        lt(invoices.dueDate, input.today),
      ),
    )
    .returning({ id: invoices.id })

  const interval = getConfig().INVOICE_REMINDER_DAYS
  const cutoff = new Date(input.now.getTime() - interval * 24 * 60 * 60 * 1000)
  // Claim the reminders first (last_reminder_at moves in this transaction), so a second sweep running at the same
  // time finds nothing to send: one reminder per interval, never a flood.
  const due = await tx
    .update(invoices)
    .set({ lastReminderAt: input.now, remindersSent: sql`${invoices.remindersSent} + 1` })
    .where(
      and(
        eq(invoices.hostOrgId, input.orgId),
        eq(invoices.status, 'overdue'),
        or(isNull(invoices.lastReminderAt), lt(invoices.lastReminderAt, cutoff)),
      ),
    )
    .returning({
      id: invoices.id,
      number: invoices.number,
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      currency: invoices.currency,
      dueDate: invoices.dueDate,
      partnershipId: invoices.partnershipId,
    })
  for (const invoice of due) {
    const [partnership] = await tx
      .select({ buyerOrgId: partnerships.partnerOrgId })
      .from(partnerships)
      .where(eq(partnerships.id, invoice.partnershipId))
    for (const person of await buyerRecipients(tx, partnership.buyerOrgId)) {
      await sendEmail({
        tx,
        orgId: input.orgId,
        to: person.email,
        locale: person.locale,
        template: 'invoice-reminder',
        props: {
          sellerName: input.sellerName,
          number: invoice.number ?? '',
          balance: invoice.total - invoice.amountPaid,
          currency: invoice.currency,
          dueDate: invoice.dueDate ?? input.today,
          daysOverdue: daysBetween(invoice.dueDate ?? input.today, input.today),
          invoiceUrl: new URL(`/invoices/${invoice.id}`, input.origin).toString(),
        },
      })
    }
  }
  return { markedOverdue: marked.length, remindersSent: due.length }
}
