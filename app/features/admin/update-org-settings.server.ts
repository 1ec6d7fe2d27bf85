import { and, eq, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { organizations } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import type { OrgSettingsInput } from './schemas.ts'

// updated_at is microsecond precise in the database, a JS Date only millisecond: the token is formatted in SQL.
const updatedAtToken = sql<string>`to_char(${organizations.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

const editable = [
  'name',
  'defaultCurrency',
  'locale',
  'timeZone',
  'billingAddress',
  'taxId',
  'paymentInstructions',
] as const

export async function getOrgSettings(ctx: ServiceContext) {
  const [org] = await ctx.tx
    .select({
      name: organizations.name,
      defaultCurrency: organizations.defaultCurrency,
      locale: organizations.locale,
      timeZone: organizations.timeZone,
      billingAddress: organizations.billingAddress,
      taxId: organizations.taxId,
      paymentInstructions: organizations.paymentInstructions,
      updatedAt: updatedAtToken,
    })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
  if (!org) throw new AppError('not_found', 'Organization not found')
  return org
}

/**
 * Saves the org's settings only if nobody saved since the form was loaded (updated_at is the token);
 * otherwise throws a conflict and changes nothing.
 */
export async function updateOrgSettings(ctx: ServiceContext, input: OrgSettingsInput) {
  const before = await getOrgSettings(ctx)
  const changed = editable.filter((field) => before[field] !== input[field])
  const [row] = await ctx.tx
    .update(organizations)
    .set({
      name: input.name,
      defaultCurrency: input.defaultCurrency,
      locale: input.locale,
      timeZone: input.timeZone,
      billingAddress: input.billingAddress,
      taxId: input.taxId,
      paymentInstructions: input.paymentInstructions,
      updatedAt: sql`now()`,
    })
    .where(
      and(eq(organizations.id, ctx.orgId), eq(organizations.updatedAt, sql`${input.updatedAt}::timestamptz`)),
    )
    .returning({ id: organizations.id })
  if (!row) throw new AppError('conflict', 'admin:settings.conflict')
  if (changed.length > 0) {
    await ctx.audit({
      action: 'org.settings_updated',
      targetType: 'organization',
      targetId: ctx.orgId,
      data: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: input[f] }])),
    })
  }
  return { changed }
}
