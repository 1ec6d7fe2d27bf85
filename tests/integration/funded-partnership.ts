import { createFund } from '#app/features/funds/create-fund.server.ts'
import { allocate } from '#app/features/funds/ledger.server.ts'
import { asCaller, hostCaller } from './service-context.ts'
import type { World } from './world.ts'

export type Funding = {
  /** Fund names are unique within an org: give each fund of a world its own. */
  name: string
  budget?: string
  endsOn?: string
  currency?: string
  /** Minor units allocated to the partnership. */
  amount?: number
  reason?: string
  partnershipId?: string
}

/**
 * A co-op fund of the world's manufacturer, created by its manager through the funds services, with part of it
 * allocated to a partnership (A–R unless told), so promotions on it can be submitted and approved.
 */
export async function fundPartnership(world: World, funding: Funding) {
  const manager = hostCaller(world, 'manager')
  const fund = await asCaller(manager, (ctx) =>
    createFund(ctx, {
      name: funding.name,
      program: 'coop',
      currency: funding.currency ?? world.a.org.defaultCurrency,
      startsOn: '2027-01-01',
      endsOn: funding.endsOn ?? '2027-06-30',
      budget: funding.budget ?? '10000.00',
    }),
  )
  const { allocation } = await asCaller(manager, (ctx) =>
    allocate(ctx, {
      fundId: fund.id,
      partnershipId: funding.partnershipId ?? world.partnerships.ar.id,
      amount: funding.amount ?? 5_000_00,
      reason: funding.reason ?? 'Q1',
    }),
  )
  return { fund, allocation }
}
