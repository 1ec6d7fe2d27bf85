import {
  and,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { DEFAULT_PAGE_SIZE } from '#app/lib/pagination.ts'
import { invoices, organizations, partnerships } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import { likePattern } from '../partners/list-partnerships.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { InvoiceDisplayStatus } from './invoice-status.ts'

export type ListInvoicesInput = { q?: string; status?: InvoiceDisplayStatus; page: number; today: string }
export type InvoiceListRow = Awaited<ReturnType<typeof listInvoices>>['rows'][number]

const counterparty = alias(organizations, 'counterparty')

/** The status filter with the page's reading of it: an open invoice past its due date counts as overdue. */
function statusCondition(status: InvoiceDisplayStatus, today: string): SQL {
  if (status === 'overdue') {
    return or(
      eq(invoices.status, 'overdue'),
      and(inArray(invoices.status, ['issued', 'partially_paid']), lt(invoices.dueDate, today)),
    ) as SQL
  }
  if (status === 'issued' || status === 'partially_paid') {
    return and(eq(invoices.status, status), or(isNull(invoices.dueDate), gte(invoices.dueDate, today))) as SQL
  }
  return eq(invoices.status, status)
}

/**
 * Invoices on the caller's partnerships, newest first. Sellers see all of theirs (member_own: only those they
 * own); buyers see issued ones only, never a draft.
 */
export async function listInvoices(ctx: ServiceContext, input: ListInvoicesInput) {
  const pageSize = DEFAULT_PAGE_SIZE
  const page = Math.max(1, input.page)
  const isSeller = sql`${invoices.hostOrgId} = ${ctx.orgId}`
  const conditions: SQL[] = [
    or(
      eq(invoices.hostOrgId, ctx.orgId),
      and(eq(partnerships.partnerOrgId, ctx.orgId), isNotNull(invoices.issuedAt)),
    ) as SQL,
  ]
  if (seesOwnOnly(ctx.role)) {
    conditions.push(or(sql`not ${isSeller}`, eq(invoices.ownerId, ctx.userId)) as SQL)
  }
  if (input.q) {
    const pattern = likePattern(input.q)
    conditions.push(or(ilike(invoices.number, pattern), ilike(counterparty.name, pattern)) as SQL)
  }
  if (input.status) conditions.push(statusCondition(input.status, input.today))
  const where = and(...conditions)
  const counterpartyId = sql`case when ${isSeller} then ${partnerships.partnerOrgId} else ${partnerships.hostOrgId} end`
  const rows = await ctx.tx
    .select({
      id: invoices.id,
      number: invoices.number,
      status: invoices.status,
      isSeller: sql<boolean>`${isSeller}`,
      currency: invoices.currency,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      total: invoices.total,
      amountPaid: invoices.amountPaid,
      counterparty: counterparty.name,
      createdAt: invoices.createdAt,
    })
    .from(invoices)
    .innerJoin(partnerships, eq(partnerships.id, invoices.partnershipId))
    .innerJoin(counterparty, eq(counterparty.id, counterpartyId))
    .where(where)
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
  const [{ n: total }] = await ctx.tx
    .select({ n: count() })
    .from(invoices)
    .innerJoin(partnerships, eq(partnerships.id, invoices.partnershipId))
    .innerJoin(counterparty, eq(counterparty.id, counterpartyId))
    .where(where)
  return { rows, total, page, pageSize }
}
