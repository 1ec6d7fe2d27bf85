import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps, version } from './columns.ts'
import { organizations } from './organizations.ts'

/** A seller's catalogue. Prices are integer minor units; tax rates are basis points (2000 = 20.00%). */
export const products = pgTable(
  'products',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit').notNull().default('each'),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull().default(0),
    active: boolean('active').notNull().default(true),
    ...timestamps(),
    version: version(),
  },
  (t) => [
    uniqueIndex('products_org_sku_key').on(t.orgId, t.sku),
    index('products_org_name_idx').on(t.orgId, t.name),
    check('products_price_nonnegative', sql`${t.unitPrice} >= 0`),
    check('products_tax_rate_range', sql`${t.taxRateBp} between 0 and 10000`),
    check('products_currency_code', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
)

export type Product = typeof products.$inferSelect
