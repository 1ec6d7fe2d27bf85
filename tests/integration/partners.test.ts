import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import { changePartnershipStatus } from '#app/features/partners/change-partnership-status.server.ts'
import { getPartnership } from '#app/features/partners/get-partnership.server.ts'
import { listPartnershipPeople } from '#app/features/partners/list-partnership-people.server.ts'
import {
  type ListPartnershipsInput,
  listPartnerships,
} from '#app/features/partners/list-partnerships.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { closeDatabase } from '#db/client.ts'
import { auditEvents, type Organization, type Role, type User } from '#db/schema/index.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'

/** Runs fn the way a route does: inside withTenant (RLS), with a hand-built service context. */
function as<T>(org: Organization, user: User, role: Role, fn: (ctx: ServiceContext) => Promise<T>) {
  return withTenant({ orgId: org.id, userId: user.id }, (tx) =>
    fn({
      tx,
      orgId: org.id,
      userId: user.id,
      orgKind: org.kind,
      role,
      audit: (event) => recordAudit(tx, { orgId: org.id, userId: user.id, ip: null, requestId: null }, event),
    }),
  )
}

const list = (org: Organization, user: User, input: Partial<ListPartnershipsInput> = {}) =>
  as(org, user, 'owner', (ctx) => listPartnerships(ctx, { page: 1, ...input }))

let host: Organization
let hostOwner: User
let retailer: Organization
let retailerOwner: User
let otherHost: Organization
let otherOwner: User
let foreignPartnershipId: string
const partnershipByName = new Map<string, string>()
const tag = Date.now().toString(36)

beforeAll(async () => {
  await ensureMigrated()
  await asSystem(async (tx) => {
    host = await createOrg(tx, { kind: 'manufacturer', name: `Host ${tag}` })
    hostOwner = await createMember(tx, { orgId: host.id, role: 'owner', name: 'Hana Host' })
    otherHost = await createOrg(tx, { kind: 'manufacturer', name: `Other ${tag}` })
    otherOwner = await createMember(tx, { orgId: otherHost.id, role: 'owner' })
    const partners: [
      string,
      'retailer' | 'distributor' | 'customer',
      'gold' | 'silver',
      'active' | 'suspended',
    ][] = [
      ['Alpha Retail', 'retailer', 'gold', 'active'],
      ['Beta 50% Outlet', 'retailer', 'silver', 'active'],
      ['Gamma Distribution', 'distributor', 'gold', 'suspended'],
      ['Delta Hotels', 'customer', 'silver', 'active'],
    ]
    for (const [name, kind, tier, status] of partners) {
      const org = await createOrg(tx, {
        kind,
        name,
        customerCode: `${name.slice(0, 3).toUpperCase()}-${tag}`,
      })
      const p = await createPartnership(tx, {
        hostOrgId: host.id,
        partnerOrgId: org.id,
        kind: kind === 'customer' ? 'customer' : 'channel',
        tier,
        status,
        accountManagerId: hostOwner.id,
      })
      partnershipByName.set(name, p.id)
      if (name === 'Alpha Retail') {
        retailer = org
        retailerOwner = await createMember(tx, { orgId: org.id, role: 'owner', name: 'Rita Retail' })
        await createMember(tx, { orgId: org.id, role: 'member', name: 'Rob Retail' })
      }
    }
    // The retailer also partners another manufacturer, and the other manufacturer has a partner of its own.
    await createPartnership(tx, { hostOrgId: otherHost.id, partnerOrgId: retailer.id })
    const foreign = await createOrg(tx, { kind: 'retailer', name: `Foreign Retail ${tag}` })
    foreignPartnershipId = (
      await createPartnership(tx, { hostOrgId: otherHost.id, partnerOrgId: foreign.id })
    ).id
  })
})
afterAll(closeDatabase)

describe('partner directory', () => {
  test('a host lists only its own partnerships, sorted by partner name', async () => {
    const result = await list(host, hostOwner)
    expect(result.total).toBe(4)
    expect(result.rows.map((r) => r.counterparty.name)).toEqual([
      'Alpha Retail',
      'Beta 50% Outlet',
      'Delta Hotels',
      'Gamma Distribution',
    ])
    expect(result.rows.every((r) => r.isHost && r.accountManagerName === 'Hana Host')).toBe(true)
  })

  test('search matches name or customer code case-insensitively and treats % literally', async () => {
    expect((await list(host, hostOwner, { q: 'gamma' })).rows.map((r) => r.counterparty.name)).toEqual([
      'Gamma Distribution',
    ])
    expect((await list(host, hostOwner, { q: `del-${tag}` })).total).toBe(1)
    expect((await list(host, hostOwner, { q: '50%' })).rows.map((r) => r.counterparty.name)).toEqual([
      'Beta 50% Outlet',
    ])
    expect((await list(host, hostOwner, { q: '%' })).total).toBe(1)
  })

  test('filters by the other org kind, tier and status', async () => {
    expect((await list(host, hostOwner, { kind: 'retailer' })).total).toBe(2)
    expect((await list(host, hostOwner, { tier: 'gold' })).total).toBe(2)
    expect((await list(host, hostOwner, { status: 'suspended' })).rows[0].counterparty.name).toBe(
      'Gamma Distribution',
    )
    expect((await list(host, hostOwner, { kind: 'retailer', tier: 'silver' })).total).toBe(1)
  })

  test('paginates with a total', async () => {
    const first = await list(host, hostOwner, { page: 1, pageSize: 3 })
    const second = await list(host, hostOwner, { page: 2, pageSize: 3 })
    expect(first.rows).toHaveLength(3)
    expect(second.rows.map((r) => r.counterparty.name)).toEqual(['Gamma Distribution'])
    expect(second.total).toBe(4)
  })

  test('a retailer sees only its own partnerships, never the host’s other partners', async () => {
    const result = await list(retailer, retailerOwner)
    expect(result.rows.map((r) => r.counterparty.name).sort()).toEqual([`Host ${tag}`, `Other ${tag}`])
    expect(result.rows.every((r) => !r.isHost)).toBe(true)
  })
})

describe('partnership page', () => {
  test('a foreign or malformed partnership id is not found', async () => {
    expect(await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, foreignPartnershipId))).toBeNull()
    expect(await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, 'not-a-uuid'))).toBeNull()
  })

  test('both sides see the partnership and the people of both orgs', async () => {
    const id = partnershipByName.get('Alpha Retail') as string
    const seenByHost = await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, id))
    expect(seenByHost?.partner.name).toBe('Alpha Retail')
    expect(seenByHost?.isHost).toBe(true)
    const seenByRetailer = await as(retailer, retailerOwner, 'owner', (ctx) => getPartnership(ctx, id))
    expect(seenByRetailer?.isHost).toBe(false)
    const people = await as(retailer, retailerOwner, 'owner', (ctx) => listPartnershipPeople(ctx, id))
    expect(people.host.rows.map((p) => p.name)).toEqual(['Hana Host'])
    expect(people.partner.rows.map((p) => p.name)).toEqual(['Rita Retail', 'Rob Retail'])
    expect(people.partner.total).toBe(2)
    const capped = await as(host, hostOwner, 'owner', (ctx) => listPartnershipPeople(ctx, id, 1))
    expect(capped.partner).toMatchObject({ total: 2, rows: [{ name: 'Rita Retail' }] })
  })

  test('a host suspends, reactivates and ends a partnership; each change is audited and bumps the version', async () => {
    const id = partnershipByName.get('Delta Hotels') as string
    const change = (input: Parameters<typeof changePartnershipStatus>[1]) =>
      as(host, hostOwner, 'owner', (ctx) => changePartnershipStatus(ctx, input))
    expect(await change({ partnershipId: id, intent: 'suspend', version: 1 })).toEqual({
      from: 'active',
      to: 'suspended',
      version: 2,
    })
    await change({ partnershipId: id, intent: 'reactivate', version: 2 })
    await change({ partnershipId: id, intent: 'end', version: 3, reason: 'Contract over' })
    const audits = await asSystem((tx) =>
      tx
        .select({ action: auditEvents.action, data: auditEvents.data, orgId: auditEvents.orgId })
        .from(auditEvents)
        .where(and(eq(auditEvents.targetType, 'partnership'), eq(auditEvents.targetId, id)))
        .orderBy(auditEvents.id),
    )
    expect(audits.map((a) => a.action)).toEqual([
      'partnership.suspended',
      'partnership.reactivated',
      'partnership.ended',
    ])
    expect(audits[2].data).toEqual({ from: 'active', to: 'ended', reason: 'Contract over' })
    expect(audits.every((a) => a.orgId === host.id)).toBe(true)
    const after = await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, id))
    expect(after).toMatchObject({ status: 'ended', version: 4 })
  })

  test('a stale version is refused as a conflict and changes nothing', async () => {
    const id = partnershipByName.get('Beta 50% Outlet') as string
    const change = (version: number) =>
      as(host, hostOwner, 'owner', (ctx) =>
        changePartnershipStatus(ctx, { partnershipId: id, intent: 'suspend', version }),
      )
    await change(1)
    await expect(change(1)).rejects.toMatchObject({ code: 'conflict' })
    const after = await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, id))
    expect(after).toMatchObject({ status: 'suspended', version: 2 })
  })

  test('an invalid transition is refused', async () => {
    const id = partnershipByName.get('Gamma Distribution') as string
    const error = await as(host, hostOwner, 'owner', (ctx) =>
      changePartnershipStatus(ctx, { partnershipId: id, intent: 'suspend', version: 1 }),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'invalid' })
  })

  test('the partner side and other hosts cannot change the status', async () => {
    const id = partnershipByName.get('Alpha Retail') as string
    await expect(
      as(retailer, retailerOwner, 'owner', (ctx) =>
        changePartnershipStatus(ctx, { partnershipId: id, intent: 'suspend', version: 1 }),
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
    await expect(
      as(otherHost, otherOwner, 'owner', (ctx) =>
        changePartnershipStatus(ctx, { partnershipId: id, intent: 'suspend', version: 1 }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' })
    const unchanged = await as(host, hostOwner, 'owner', (ctx) => getPartnership(ctx, id))
    expect(unchanged).toMatchObject({ status: 'active', version: 1 })
  })
})
