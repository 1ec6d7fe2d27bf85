import { sql } from 'drizzle-orm'
import { type OrgKind, organizations, partnerships } from '#db/schema/index.ts'
import { partnershipStatuses, partnershipTiers } from '#db/schema/partnerships.ts'
import { createMember, createOrg } from '#db/seed/factories.ts'
import { asSystem } from '#db/tenant.ts'

const BATCH = 1000
const partnerKinds: OrgKind[] = ['retailer', 'distributor', 'customer']
const words = ['Acorn', 'Birch', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Iris', 'Juniper']

/**
 * One manufacturer with an owner and `count` partner orgs, each in a partnership with it. Bulk inserts in
 * batches (the per-row factories would take minutes); names vary so sorting by name does real work.
 */
export async function seedBench(count: number) {
  const { host, owner } = await asSystem(async (tx) => {
    const host = await createOrg(tx, {
      kind: 'manufacturer',
      name: 'Bench Manufacturing',
      slug: 'bench-host',
    })
    const owner = await createMember(tx, { orgId: host.id, role: 'owner', name: 'Bench Owner' })
    return { host, owner }
  })
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start)
    await asSystem(async (tx) => {
      const orgs = await tx
        .insert(organizations)
        .values(
          Array.from({ length: size }, (_, j) => {
            const i = start + j
            // A scrambled number keeps names from being inserted in sorted order.
            const n = (i * 7919) % count
            return {
              kind: partnerKinds[i % partnerKinds.length],
              name: `${words[n % words.length]} Partner ${String(n).padStart(5, '0')}`,
              slug: `bench-partner-${i}`,
              customerCode: `B-${String(i).padStart(6, '0')}`,
            }
          }),
        )
        .returning({ id: organizations.id, kind: organizations.kind })
      await tx.insert(partnerships).values(
        orgs.map((org, j) => ({
          hostOrgId: host.id,
          partnerOrgId: org.id,
          kind: org.kind === 'customer' ? ('customer' as const) : ('channel' as const),
          tier: partnershipTiers[(start + j) % partnershipTiers.length],
          // Mostly active, like a real channel.
          status: (start + j) % 10 === 0 ? partnershipStatuses[(start + j) % 4] : ('active' as const),
          accountManagerId: owner.id,
        })),
      )
    })
  }
  await asSystem((tx) => tx.execute(sql`analyze`))
  return { orgId: host.id, userId: owner.id }
}
