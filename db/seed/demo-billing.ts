import { eq } from 'drizzle-orm'
import { addDays } from '#app/lib/dates.ts'
import type { Tx } from '#db/client.ts'
import { numberSequences, organizations } from '#db/schema/index.ts'
import { createInvoiceRecord, createQuoteRecord, type FactoryLine } from './billing-factory.ts'

type Parties = {
  acme: string
  evergreenOrg: string
  parsOrg: string
  /** Partnership ids. */
  evergreen: string
  pars: string
  manager: string
  own: string
}

const fridge: FactoryLine = {
  sku: 'AC-FR-300',
  description: 'Frostline 300 L refrigerator',
  quantity: '4',
  unitPrice: 74900,
  taxRateBp: 2000,
}
const dishwasher: FactoryLine = {
  sku: 'AC-DW-12',
  description: 'Cleanware 12-place dishwasher',
  quantity: '6',
  unitPrice: 46950,
  discountBp: 500,
  taxRateBp: 2000,
}

/**
 * Quotes and invoices so the portal has something to show: a sent quote for Evergreen (with an optional line),
 * a draft, and invoices in every state for the aging buckets; Persian lines for Pars. Numbers continue from the
 * sequence rows written here, so the next quote or invoice sent in the demo gets the following number.
 */
export async function seedDemoBilling(tx: Tx, parties: Parties, today: string) {
  const year = Number(today.slice(0, 4))
  await tx
    .update(organizations)
    .set({
      billingAddress: '1200 Foundry Road\nDayton, OH 45402\nUnited States',
      taxId: 'EIN 31-1234567',
      paymentInstructions:
        'Bank transfer to First Ohio Bank\nAccount 000123456789 · Routing 044000024\nReference: the invoice number',
    })
    .where(eq(organizations.id, parties.acme))
  await tx
    .update(organizations)
    .set({ billingAddress: '77 Harbour Street\nPortland, ME 04101\nUnited States' })
    .where(eq(organizations.id, parties.evergreenOrg))
  await tx
    .update(organizations)
    .set({ billingAddress: 'تهران، خیابان ولیعصر، پلاک ۱۲' })
    .where(eq(organizations.id, parties.parsOrg))

  const evergreen = { partnershipId: parties.evergreen, hostOrgId: parties.acme, ownerId: parties.manager }
  await createQuoteRecord(tx, {
    ...evergreen,
    title: 'Staff kitchen refit, 3 floors',
    validUntil: addDays(today, 30),
    lines: [
      fridge,
      dishwasher,
      {
        description: 'Installation and removal of old units',
        quantity: '10',
        unitPrice: 8500,
        taxRateBp: 2000,
        optional: true,
      },
    ],
    sent: { number: `Q-${year}-0001` },
    terms: 'Delivery within 3 weeks of acceptance. Prices include delivery.',
  })
  await createQuoteRecord(tx, {
    ...evergreen,
    ownerId: parties.own,
    title: 'Laundry room (draft)',
    validUntil: addDays(today, 45),
    lines: [
      {
        sku: 'AC-WM-8',
        description: 'Spinwell 8 kg washing machine',
        quantity: '3',
        unitPrice: 52900,
        taxRateBp: 2000,
      },
    ],
  })
  const invoice = (n: number, issuedDaysAgo: number, termDays: number, lines: FactoryLine[], paid = 0) => ({
    lines,
    issued: {
      number: `INV-${year}-${String(n).padStart(4, '0')}`,
      issueDate: addDays(today, -issuedDaysAgo),
      dueDate: addDays(today, termDays - issuedDaysAgo),
    },
    payment: paid
      ? { amount: paid, paidOn: addDays(today, -Math.floor(issuedDaysAgo / 2)), reference: 'Wire' }
      : undefined,
  })
  await createInvoiceRecord(tx, { ...evergreen, ...invoice(1, 130, 30, [fridge]) })
  await createInvoiceRecord(tx, { ...evergreen, ...invoice(2, 75, 30, [dishwasher], 100_000) })
  await createInvoiceRecord(tx, { ...evergreen, ...invoice(3, 20, 30, [fridge, dishwasher]) })
  await createInvoiceRecord(tx, {
    ...evergreen,
    ...invoice(4, 40, 30, [{ ...fridge, quantity: '1' }], 89_880),
  })
  await createInvoiceRecord(tx, {
    partnershipId: parties.pars,
    hostOrgId: parties.acme,
    ownerId: parties.manager,
    ...invoice(5, 50, 14, [
      {
        sku: 'AC-FR-300',
        description: 'یخچال فراست‌لاین ۳۰۰ لیتری',
        quantity: '2',
        unitPrice: 74900,
        taxRateBp: 900,
      },
      {
        sku: 'AC-MW-25',
        description: 'مایکروفر کوئیک‌هیت ۲۵ لیتری (مدل 2026)',
        quantity: '5',
        unitPrice: 12900,
        taxRateBp: 900,
      },
    ]),
  })
  await tx.insert(numberSequences).values([
    { orgId: parties.acme, kind: 'quote', year, lastValue: 1 },
    { orgId: parties.acme, kind: 'invoice', year, lastValue: 5 },
  ])
}
