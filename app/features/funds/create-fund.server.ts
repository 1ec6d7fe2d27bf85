import { sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { funds } from '#db/schema/index.ts'
import { assertPermission } from '../auth/require.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { adjustFund } from './ledger.server.ts'

export type NewFund = {
  name: string
  program: 'coop' | 'mdf'
  currency: string
  startsOn: string
  endsOn: string
  budget: string
}

/** A manufacturer's fund; its budget is its first ledger entry, not a column. */
export async function createFund(ctx: ServiceContext, input: NewFund) {
  assertPermission(ctx, 'funds:manage')
  if (ctx.orgKind !== 'manufacturer') throw new AppError('forbidden', 'funds:errors.manufacturersOnly')
  const budget = parseAmount(input.budget, input.currency)
  if (budget === null || budget <= 0)
    throw new AppError('invalid', 'funds:errors.amount', { field: 'budget' })
  const taken = await ctx.tx
    .select({ id: funds.id })
    .from(funds)
    .where(sql`${funds.orgId} = ${ctx.orgId} and lower(${funds.name}) = lower(${input.name})`)
  if (taken.length) throw new AppError('conflict', 'funds:errors.nameTaken', { field: 'name' })
  const [fund] = await ctx.tx
    .insert(funds)
    .values({
      orgId: ctx.orgId,
      name: input.name,
      program: input.program,
      currency: input.currency,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      createdById: ctx.userId,
    })
    .returning()
  await adjustFund(ctx, { fundId: fund.id, amount: budget, reason: 'Initial budget' })
  await ctx.audit({ action: 'fund.created', targetType: 'fund', targetId: fund.id, data: { budget } })
  return fund
}
