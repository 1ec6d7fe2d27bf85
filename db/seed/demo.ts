import { count } from 'drizzle-orm'
import { todayIn } from '#app/lib/dates.ts'
import type { Tx } from '#db/client.ts'
import { auditEvents, organizations } from '#db/schema/index.ts'
import type { OrgKind, Role } from '#db/schema/organizations.ts'
import { seedDemoBilling } from './demo-billing.ts'
import { seedDemoChat } from './demo-chat.ts'
import { seedDemoClaims } from './demo-claims.ts'
import { seedDemoDocuments } from './demo-documents.ts'
import { seedDemoForecasts } from './demo-forecasts.ts'
import { seedDemoNotifications } from './demo-notifications.ts'
import { seedDemoProducts } from './demo-products.ts'
import { seedDemoVolumes } from './demo-volumes.ts'
import { createMember, createOrg, createPartnership } from './factories.ts'
import { createAllocationRecord, createFundRecord } from './fund-factory.ts'

export const DEMO_PASSWORD = 'tandem-demo-2026'

type DemoOrg = {
  key: string
  kind: OrgKind
  name: string
  code: string
  locale?: string
  people: { email: string; name: string; role: Role }[]
}

const acmeStaff: DemoOrg['people'] = [
  { email: 'owner@acme.test', name: 'Olivia Owner', role: 'owner' },
  { email: 'admin@acme.test', name: 'Adam Admin', role: 'admin' },
  { email: 'manager@acme.test', name: 'Maya Manager', role: 'manager' },
  { email: 'member@acme.test', name: 'Mateo Member', role: 'member' },
  { email: 'own@acme.test', name: 'Nora Ownrecords', role: 'member_own' },
  { email: 'viewer@acme.test', name: 'Victor Viewer', role: 'viewer' },
]

export const demoOrgs: DemoOrg[] = [
  { key: 'acme', kind: 'manufacturer', name: 'Acme Appliances', code: 'ACME', people: acmeStaff },
  {
    key: 'brightside',
    kind: 'retailer',
    name: 'Brightside Retail',
    code: 'BRIGHT',
    people: [
      { email: 'admin@brightside.test', name: 'Bella Brightside', role: 'owner' },
      { email: 'buyer@brightside.test', name: 'Ben Buyer', role: 'member' },
    ],
  },
  {
    key: 'corner',
    kind: 'retailer',
    name: 'Corner Home Stores',
    code: 'CORNER',
    people: [{ email: 'admin@corner.test', name: 'Carla Corner', role: 'owner' }],
  },
  {
    key: 'delta',
    kind: 'distributor',
    name: 'Delta Distribution',
    code: 'DELTA',
    people: [{ email: 'admin@delta.test', name: 'Dario Delta', role: 'owner' }],
  },
  {
    key: 'evergreen',
    kind: 'customer',
    name: 'Evergreen Hotels',
    code: 'EVERG',
    people: [
      { email: 'admin@evergreen.test', name: 'Eva Evergreen', role: 'owner' },
      { email: 'portal@evergreen.test', name: 'Emil Portal', role: 'portal' },
    ],
  },
  {
    key: 'farsi',
    kind: 'customer',
    name: 'فروشگاه پارس',
    code: 'PARS',
    locale: 'fa',
    people: [{ email: 'portal@pars.test', name: 'پریسا رضایی', role: 'portal' }],
  },
  {
    key: 'carmel',
    kind: 'customer',
    name: 'חנויות כרמל',
    code: 'CARMEL',
    locale: 'he',
    people: [{ email: 'portal@carmel.test', name: 'נועה כהן', role: 'portal' }],
  },
  {
    key: 'zenith',
    kind: 'manufacturer',
    name: 'Zenith Tools',
    code: 'ZENITH',
    people: [{ email: 'owner@zenith.test', name: 'Zane Zenith', role: 'owner' }],
  },
]

const demoPartnerships = [
  { host: 'acme', partner: 'brightside', kind: 'channel', tier: 'gold', status: 'active' },
  { host: 'acme', partner: 'corner', kind: 'channel', tier: 'silver', status: 'active' },
  { host: 'acme', partner: 'delta', kind: 'channel', tier: 'platinum', status: 'suspended' },
  { host: 'acme', partner: 'evergreen', kind: 'customer', tier: 'standard', status: 'active' },
  { host: 'acme', partner: 'farsi', kind: 'customer', tier: 'standard', status: 'active' },
  { host: 'acme', partner: 'carmel', kind: 'customer', tier: 'standard', status: 'active' },
  { host: 'zenith', partner: 'brightside', kind: 'channel', tier: 'bronze', status: 'active' },
] as const

export async function isEmpty(tx: Tx) {
  const [row] = await tx.select({ n: count() }).from(organizations)
  return row.n === 0
}

/** Seeds the demo world once; a second run finds organizations and leaves the data alone. */
export async function seedDemo(tx: Tx) {
  const ids = new Map<string, string>()
  const people = new Map<string, string>()
  for (const def of demoOrgs) {
    const org = await createOrg(tx, {
      kind: def.kind,
      name: def.name,
      slug: def.key,
      customerCode: def.code,
      locale: def.locale,
    })
    ids.set(def.key, org.id)
    for (const person of def.people) {
      const user = await createMember(tx, { orgId: org.id, ...person, password: DEMO_PASSWORD })
      people.set(person.email, user.id)
    }
  }
  const partnershipOf = new Map<string, string>()
  for (const p of demoPartnerships) {
    const hostOrgId = ids.get(p.host) as string
    const partnership = await createPartnership(tx, {
      hostOrgId,
      partnerOrgId: ids.get(p.partner) as string,
      kind: p.kind,
      tier: p.tier,
      status: p.status,
      accountManagerId: p.host === 'acme' ? people.get('manager@acme.test') : null,
    })
    partnershipOf.set(`${p.host}:${p.partner}`, partnership.id)
    await tx.insert(auditEvents).values({
      orgId: hostOrgId,
      action: 'partnership.created',
      targetType: 'partnership',
      targetId: partnership.id,
      data: { partner: p.partner, seeded: true },
    })
  }
  await seedDemoProducts(tx, ids.get('acme') as string)
  await seedDemoBilling(
    tx,
    {
      acme: ids.get('acme') as string,
      evergreenOrg: ids.get('evergreen') as string,
      parsOrg: ids.get('farsi') as string,
      evergreen: partnershipOf.get('acme:evergreen') as string,
      pars: partnershipOf.get('acme:farsi') as string,
      manager: people.get('manager@acme.test') as string,
      own: people.get('own@acme.test') as string,
    },
    todayIn('UTC'),
  )
  await seedDemoChat(tx, {
    acme: ids.get('acme') as string,
    brightsideOrg: ids.get('brightside') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    evergreenOrg: ids.get('evergreen') as string,
    evergreen: partnershipOf.get('acme:evergreen') as string,
    people,
  })
  // A co-op fund with two partners' allocations (one partly committed and spent), so Funds has numbers to show.
  const coop = await createFundRecord(tx, {
    orgId: ids.get('acme') as string,
    name: 'Co-op 2027 Q1',
    budget: 5_000_000,
    startsOn: '2027-01-01',
    endsOn: '2027-03-31',
    createdById: people.get('manager@acme.test'),
  })
  const brightsideAllocation = await createAllocationRecord(tx, {
    fund: coop,
    partnershipId: partnershipOf.get('acme:brightside') as string,
    createdById: people.get('manager@acme.test'),
    entries: [{ kind: 'allocate', amount: 2_000_000, reason: '40% of last quarter’s sell-in' }],
  })
  await createAllocationRecord(tx, {
    fund: coop,
    partnershipId: partnershipOf.get('acme:corner') as string,
    createdById: people.get('manager@acme.test'),
    entries: [{ kind: 'allocate', amount: 1_000_000, reason: 'Equal split' }],
  })
  await seedDemoDocuments(tx, {
    acme: ids.get('acme') as string,
    brightsideOrg: ids.get('brightside') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    manager: people.get('manager@acme.test') as string,
    bella: people.get('admin@brightside.test') as string,
  })
  // Its promotion commits 8,000.00 of that allocation; a settled claim spent 2,500.00, another waits.
  await seedDemoClaims(tx, {
    acme: ids.get('acme') as string,
    brightsideOrg: ids.get('brightside') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    allocation: brightsideAllocation,
    maya: people.get('manager@acme.test') as string,
    bella: people.get('admin@brightside.test') as string,
  })
  // Its products with a weekly baseline, and actual sell-through for the weeks it has run.
  await seedDemoVolumes(tx, {
    acme: ids.get('acme') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    name: 'Spring end-cap displays',
  })
  // The co-forecast both sides are working on: figures, a published version, proposals and exceptions.
  await seedDemoForecasts(tx, {
    acme: ids.get('acme') as string,
    brightsideOrg: ids.get('brightside') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    maya: people.get('manager@acme.test') as string,
    bella: people.get('admin@brightside.test') as string,
    ben: people.get('buyer@brightside.test') as string,
  })
  await seedDemoNotifications(tx, {
    acme: ids.get('acme') as string,
    brightsideOrg: ids.get('brightside') as string,
    brightside: partnershipOf.get('acme:brightside') as string,
    maya: people.get('manager@acme.test') as string,
    bella: people.get('admin@brightside.test') as string,
  })
}

export function demoBanner() {
  const lines = demoOrgs.flatMap((org) =>
    org.people.map((p) => `  ${p.email.padEnd(26)} ${p.role.padEnd(11)} ${org.name} (${org.kind})`),
  )
  return [`Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n')
}
