import { AppError } from '#app/lib/errors.ts'
import { parseAmount } from '#app/lib/money.ts'
import { assertPermission } from '../auth/require.server.ts'
import { getPartnership } from '../partners/get-partnership.server.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { allocate } from './ledger.server.ts'

/** The allocate form: the amount in the fund's currency, to a partnership the fund's owner hosts. */
export async function allocateFromForm(
  ctx: ServiceContext,
  fund: { id: string; currency: string },
  input: { partnershipId: string; amount: string; reason?: string },
) {
  assertPermission(ctx, 'funds:manage')
  const amount = parseAmount(input.amount, fund.currency)
  if (amount === null || amount === 0)
    throw new AppError('invalid', 'funds:errors.amount', { field: 'amount' })
  const partnership = await getPartnership(ctx, input.partnershipId)
  if (!partnership?.isHost)
    throw new AppError('invalid', 'funds:errors.partnerRequired', { field: 'partnershipId' })
  const result = await allocate(ctx, {
    fundId: fund.id,
    partnershipId: partnership.id,
    amount,
    reason: input.reason || (amount > 0 ? 'Allocation' : 'Returned to fund'),
  })
  await ctx.audit({
    action: 'fund.allocated',
    targetType: 'fund',
    targetId: fund.id,
    data: { partnershipId: partnership.id, amount },
  })
  return result
}
