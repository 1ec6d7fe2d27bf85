import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { asSystem, withTenant } from '#db/tenant.ts'

export type QueryLatency = { rls: number; system: number }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * The directory query alone, one at a time, in this process: median ms with RLS (withTenant) and without
 * (asSystem). Free of HTTP and queueing, so it isolates what the policies cost the database.
 */
export async function measureQueryLatency(orgId: string, userId: string, rounds = 15): Promise<QueryLatency> {
  const input = { page: 1 }
  const rls: number[] = []
  const system: number[] = []
  for (let i = 0; i < rounds + 2; i++) {
    let t = performance.now()
    await withTenant({ orgId, userId }, (tx) => listPartnerships({ tx, orgId }, input))
    if (i >= 2) rls.push(performance.now() - t)
    t = performance.now()
    await asSystem((tx) => listPartnerships({ tx, orgId }, input))
    if (i >= 2) system.push(performance.now() - t)
  }
  return { rls: median(rls), system: median(system) }
}
