import { sql } from 'drizzle-orm'
import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns.ts'
import { users } from './users.ts'

export const orgKinds = ['manufacturer', 'retailer', 'distributor', 'customer'] as const
export const orgKind = pgEnum('org_kind', orgKinds)

export const roles = ['owner', 'admin', 'manager', 'member', 'member_own', 'viewer', 'portal'] as const
export const role = pgEnum('membership_role', roles)
export const membershipStatus = pgEnum('membership_status', ['active', 'deactivated'])

export const organizations = pgTable(
  'organizations',
  {
    id: id(),
    kind: orgKind('kind').notNull(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    customerCode: text('customer_code').notNull(),
    defaultCurrency: text('default_currency').notNull().default('USD'),
    locale: text('locale').notNull().default('en'),
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Printed on quotes, invoices and statements. */
    billingAddress: text('billing_address').notNull().default(''),
    taxId: text('tax_id').notNull().default(''),
    /** How to pay this org (bank, account, reference), printed on its invoices. */
    paymentInstructions: text('payment_instructions').notNull().default(''),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    uniqueIndex('organizations_code_key').on(t.customerCode),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    status: membershipStatus('status').notNull().default('active'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('memberships_org_user_key').on(t.orgId, t.userId),
    index('memberships_user_idx').on(t.userId),
    index('memberships_org_active_idx').on(t.orgId).where(sql`status = 'active'`),
  ],
)

export type Organization = typeof organizations.$inferSelect
export type Membership = typeof memberships.$inferSelect
export type Role = (typeof roles)[number]
export type OrgKind = (typeof orgKinds)[number]
