import { createForecastRecord } from '#db/seed/forecast-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { signInAs } from './harness.ts'
import { type Caller, foreignCaller, hostCaller, retailerCaller } from './service-context.ts'
import type { World } from './world.ts'

// The co-forecast suites' common set-up: who acts on a plan of A ↔ R, signed in, and the plan itself.

export type PlanPeople = {
  host: Caller
  retailer: Caller
  viewer: Caller
  foreign: Caller
  cookies: Record<'host' | 'retailer' | 'viewer' | 'foreign', string>
}

/** A's manager (host side), R's owner (partner side), A's viewer and the foreign owner, each with a session. */
export async function planPeople(world: World): Promise<PlanPeople> {
  const people = {
    host: hostCaller(world, 'manager'),
    retailer: retailerCaller(world),
    viewer: hostCaller(world, 'viewer'),
    foreign: foreignCaller(world),
  }
  const cookies = {} as PlanPeople['cookies']
  for (const [who, caller] of Object.entries(people) as [keyof PlanPeople['cookies'], Caller][]) {
    cookies[who] = await signInAs(caller.userId, caller.orgId)
  }
  return { ...people, cookies }
}

/** A plan on A ↔ R set up by `createdById`, over the given Monday weeks, with one row per product. */
export async function createPlan(
  world: World,
  createdById: string,
  input: { name: string; weeks: string[]; products: { sku: string; name: string }[] },
) {
  const { forecast, products } = await asSystem((tx) =>
    createForecastRecord(tx, {
      partnershipId: world.partnerships.ar.id,
      hostOrgId: world.a.org.id,
      createdByOrgId: world.a.org.id,
      createdById,
      name: input.name,
      startWeek: input.weeks[0],
      horizonWeeks: input.weeks.length,
      products: input.products,
    }),
  )
  return { forecastId: forecast.id, rows: products.map((p) => p.id) }
}
