import { hashPassword } from '#app/features/auth/password.server.ts'
import { slugify } from '#app/lib/slugify.ts'
import type { Tx } from '#db/client.ts'
import { memberships, type OrgKind, organizations, partnerships, type Role, users } from '#db/schema/index.ts'
import type { partnershipStatuses, partnershipTiers } from '#db/schema/partnerships.ts'

// Factories shared by the demo seed and the tests; they write as the owner (asSystem).
let counter = 0
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export type OrgInput = { kind: OrgKind; name?: string; slug?: string; customerCode?: string; locale?: string }

export async function createOrg(tx: Tx, input: OrgInput) {
  const suffix = unique()
  const name = input.name ?? `Org ${suffix}`
  const [org] = await tx
    .insert(organizations)
    .values({
      kind: input.kind,
      name,
      slug: input.slug ?? `${slugify(name)}-${suffix}`,
      customerCode: input.customerCode ?? `C-${suffix.toUpperCase()}`,
      locale: input.locale ?? 'en',
    })
    .returning()
  return org
}

// Hashing dominates seeding time, so one hash per distinct password is reused.
const hashes = new Map<string, Promise<string>>()
function cachedHash(password: string) {
  let hash = hashes.get(password)
  if (!hash) {
    hash = hashPassword(password)
    hashes.set(password, hash)
  }
  return hash
}

export type UserInput = { orgId: string; role: Role; email?: string; name?: string; password?: string }

export async function createMember(tx: Tx, input: UserInput) {
  const suffix = unique()
  const [user] = await tx
    .insert(users)
    .values({
      email: (input.email ?? `user-${suffix}@example.test`).toLowerCase(),
      name: input.name ?? `User ${suffix}`,
      passwordHash: await cachedHash(input.password ?? 'correct horse battery staple'),
    })
    .returning()
  await tx.insert(memberships).values({ orgId: input.orgId, userId: user.id, role: input.role })
  return user
}

export type PartnershipInput = {
  hostOrgId: string
  partnerOrgId: string
  kind?: 'channel' | 'customer'
  tier?: (typeof partnershipTiers)[number]
  status?: (typeof partnershipStatuses)[number]
  accountManagerId?: string | null
}

export async function createPartnership(tx: Tx, input: PartnershipInput) {
  const [row] = await tx
    .insert(partnerships)
    .values({
      hostOrgId: input.hostOrgId,
      partnerOrgId: input.partnerOrgId,
      kind: input.kind ?? 'channel',
      tier: input.tier ?? 'standard',
      status: input.status ?? 'active',
      accountManagerId: input.accountManagerId ?? null,
    })
    .returning()
  return row
}
