import { type SQL, sql } from 'drizzle-orm'
import { todayIn } from '#app/lib/dates.ts'
import { rowsOf } from '#db/rows.ts'
import { seedDemoBilling } from '#db/seed/demo-billing.ts'
import { seedDemoChat } from '#db/seed/demo-chat.ts'
import { seedDemoClaims } from '#db/seed/demo-claims.ts'
import { seedDemoDocuments } from '#db/seed/demo-documents.ts'
import { seedDemoForecasts } from '#db/seed/demo-forecasts.ts'
import { seedDemoNotifications } from '#db/seed/demo-notifications.ts'
import { seedDemoProducts } from '#db/seed/demo-products.ts'
import { seedDemoVolumes } from '#db/seed/demo-volumes.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import { createAllocationRecord, createFundRecord } from '#db/seed/fund-factory.ts'
import { asSystem, withTenant } from '#db/tenant.ts'

/**
 * The robustness sweep's world: the demo's records (quotes, invoices, chat, documents, claims, volumes, forecasts,
 * notifications) under fresh orgs and people, so a manager of the manufacturer has a real record behind every
 * route param and bad input reaches as deep into each route as it can.
 */
export type SweepWorld = { orgId: string; managerId: string }

export async function createSweepWorld(): Promise<SweepWorld> {
  return asSystem(async (tx) => {
    const acme = await createOrg(tx, { kind: 'manufacturer' })
    const brightsideOrg = await createOrg(tx, { kind: 'retailer' })
    const corner = await createOrg(tx, { kind: 'retailer' })
    const evergreenOrg = await createOrg(tx, { kind: 'customer' })
    const parsOrg = await createOrg(tx, { kind: 'customer', locale: 'fa' })
    const maya = await createMember(tx, { orgId: acme.id, role: 'manager' })
    const own = await createMember(tx, { orgId: acme.id, role: 'member_own' })
    const bella = await createMember(tx, { orgId: brightsideOrg.id, role: 'owner' })
    const ben = await createMember(tx, { orgId: brightsideOrg.id, role: 'member' })
    const emil = await createMember(tx, { orgId: evergreenOrg.id, role: 'portal' })
    const partnership = (partnerOrgId: string, kind: 'channel' | 'customer') =>
      createPartnership(tx, { hostOrgId: acme.id, partnerOrgId, kind, accountManagerId: maya.id })
    const brightside = (await partnership(brightsideOrg.id, 'channel')).id
    const cornerP = (await partnership(corner.id, 'channel')).id
    const evergreen = (await partnership(evergreenOrg.id, 'customer')).id
    const pars = (await partnership(parsOrg.id, 'customer')).id
    // The demo seeders look people up by their demo email.
    const people = new Map([
      ['manager@acme.test', maya.id],
      ['admin@brightside.test', bella.id],
      ['portal@evergreen.test', emil.id],
    ])
    await seedDemoProducts(tx, acme.id)
    const today = todayIn('UTC')
    await seedDemoBilling(
      tx,
      {
        acme: acme.id,
        evergreenOrg: evergreenOrg.id,
        parsOrg: parsOrg.id,
        evergreen,
        pars,
        manager: maya.id,
        own: own.id,
      },
      today,
    )
    await seedDemoChat(tx, {
      acme: acme.id,
      brightsideOrg: brightsideOrg.id,
      brightside,
      evergreenOrg: evergreenOrg.id,
      evergreen,
      people,
    })
    const fund = await createFundRecord(tx, {
      orgId: acme.id,
      name: 'Co-op',
      budget: 5_000_000,
      createdById: maya.id,
    })
    const allocation = await createAllocationRecord(tx, {
      fund,
      partnershipId: brightside,
      createdById: maya.id,
      entries: [{ kind: 'allocate', amount: 2_000_000 }],
    })
    await createAllocationRecord(tx, {
      fund,
      partnershipId: cornerP,
      entries: [{ kind: 'allocate', amount: 1_000_000 }],
    })
    const sides = { acme: acme.id, brightsideOrg: brightsideOrg.id, brightside }
    await seedDemoDocuments(tx, { ...sides, manager: maya.id, bella: bella.id })
    await seedDemoClaims(tx, { ...sides, allocation, maya: maya.id, bella: bella.id })
    await seedDemoVolumes(tx, { acme: acme.id, brightside, name: 'Spring end-cap displays' })
    await seedDemoForecasts(tx, { ...sides, maya: maya.id, bella: bella.id, ben: ben.id })
    await seedDemoNotifications(tx, { ...sides, maya: maya.id, bella: bella.id })
    return { orgId: acme.id, managerId: maya.id }
  })
}

/** Params whose table is not named after them (`:<thing>Id` → `<thing>s` otherwise). */
const paramTables: Record<string, string> = {
  partnershipId: 'partnerships',
  userId: 'users',
  messageId: 'email_outbox',
}

function tablesFor(param: string): string[] {
  const aliased = paramTables[param]
  if (aliased) return [aliased]
  const thing = /^(.+)Id$/.exec(param)?.[1]
  if (!thing) return []
  const snake = thing.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
  return [`${snake}s`, `${snake}es`, `${snake.replace(/y$/, 'ie')}s`]
}

/** An id no row has, of the shape the param's table uses (a route with no such record still gets a fair try). */
const fallbackId = '00000000-0000-4000-8000-000000000000'

/**
 * A record the manager may see for a route param, chosen by row-level security itself (the query runs as the
 * manager), or an id that matches nothing when there is none.
 */
export async function recordFor(world: SweepWorld, param: string): Promise<string> {
  const existing = await asSystem((tx) =>
    rowsOf<{ name: string }>(tx, sql`select tablename as name from pg_tables where schemaname = 'public'`),
  )
  const names = new Set(existing.map((t) => t.name))
  const table = tablesFor(param).find((t) => names.has(t))
  if (!table) return fallbackId
  const query: SQL = sql`select id::text as id from ${sql.identifier(table)} order by 1 limit 1`
  const [row] = await withTenant({ orgId: world.orgId, userId: world.managerId }, (tx) =>
    rowsOf<{ id: string }>(tx, query),
  ).catch(() => [])
  return row?.id ?? fallbackId
}
