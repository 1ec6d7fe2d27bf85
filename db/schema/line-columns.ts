import { bigint, integer, numeric, text, uuid } from 'drizzle-orm/pg-core'
import { products } from './products.ts'

/**
 * The columns every priced line shares (quotes and invoices). Amounts are integer minor units computed by
 * app/lib/money.ts and stored so that a document's PDF, list and totals always agree.
 */
export const pricedLineColumns = () => ({
  position: integer('position').notNull(),
  productId: uuid('product_id').references(() => products.id, { onDelete: 'set null' }),
  sku: text('sku').notNull().default(''),
  description: text('description').notNull(),
  /** Up to three decimals (kg, hours); kept as numeric, parsed to thousandths for arithmetic. */
  quantity: numeric('quantity', { precision: 14, scale: 3 }).notNull(),
  unit: text('unit').notNull().default('each'),
  unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
  discountBp: integer('discount_bp').notNull().default(0),
  taxRateBp: integer('tax_rate_bp').notNull().default(0),
  net: bigint('net', { mode: 'number' }).notNull(),
  tax: bigint('tax', { mode: 'number' }).notNull(),
  total: bigint('total', { mode: 'number' }).notNull(),
})

export const documentTotals = () => ({
  subtotal: bigint('subtotal', { mode: 'number' }).notNull().default(0),
  taxTotal: bigint('tax_total', { mode: 'number' }).notNull().default(0),
  total: bigint('total', { mode: 'number' }).notNull().default(0),
})
