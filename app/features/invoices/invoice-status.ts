import { type InvoiceStatus, invoiceStatuses } from '#db/schema/invoices.ts'

export const invoiceDisplayStatuses = invoiceStatuses
export type InvoiceDisplayStatus = InvoiceStatus

/** Statuses that still wait for money: payments may be recorded against them. */
export const openStatuses = ['issued', 'partially_paid', 'overdue'] as const satisfies InvoiceStatus[]
/** Statuses from which an invoice may be voided (when no payment has been recorded). */
export const voidableStatuses = ['draft', 'issued', 'overdue'] as const satisfies InvoiceStatus[]

/**
 * An open invoice past its due date reads as overdue even before the daily sweep stores it, so the list, the page
 * and the filter agree on any given day.
 */
export function invoiceDisplayStatus(status: InvoiceStatus, dueDate: string | null, today: string) {
  if ((status === 'issued' || status === 'partially_paid') && dueDate !== null && dueDate < today)
    return 'overdue'
  return status
}

export function isOpen(status: InvoiceStatus): boolean {
  return (openStatuses as readonly InvoiceStatus[]).includes(status)
}

export function isVoidable(status: InvoiceStatus): boolean {
  return (voidableStatuses as readonly InvoiceStatus[]).includes(status)
}
