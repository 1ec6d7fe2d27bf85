import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { changeMemberRole } from '#app/features/admin/change-member-role.server.ts'
import { getMember } from '#app/features/admin/get-member.server.ts'
import { getOutboxEmail } from '#app/features/admin/get-outbox-email.server.ts'
import { listAuditEvents } from '#app/features/admin/list-audit-events.server.ts'
import { listMembers } from '#app/features/admin/list-members.server.ts'
import { listOutbox } from '#app/features/admin/list-outbox.server.ts'
import { OrgSettingsSchema } from '#app/features/admin/schemas.ts'
import { setMemberStatus } from '#app/features/admin/set-member-status.server.ts'
import { getOrgSettings, updateOrgSettings } from '#app/features/admin/update-org-settings.server.ts'
import { recordAudit } from '#app/features/audit/record-audit.server.ts'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { closeDatabase } from '#db/client.ts'
import { emailOutbox, memberships, organizations, type Role, type User } from '#db/schema/index.ts'
import { createMember, createOrg, createPartnership } from '#db/seed/factories.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'

beforeAll(ensureMigrated)
afterAll(closeDatabase)

type Actor = { orgId: string; user: Pick<User, 'id'>; role: Role }

/** What runService gives a route, built by hand: an RLS-scoped transaction for this member. */
function as<T>(actor: Actor, fn: (ctx: ServiceContext) => Promise<T>) {
  const scope = { orgId: actor.orgId, userId: actor.user.id }
  return withTenant(scope, (tx) =>
    fn({
      tx,
      orgId: actor.orgId,
      userId: actor.user.id,
      orgKind: 'manufacturer',
      role: actor.role,
      audit: (event) => recordAudit(tx, { ...scope, ip: '192.0.2.1', requestId: null }, event),
    }),
  )
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

async function orgWith(...roles: Role[]) {
  return asSystem(async (tx) => {
    const org = await createOrg(tx, { kind: 'manufacturer' })
    const people: User[] = []
    for (const role of roles) people.push(await createMember(tx, { orgId: org.id, role }))
    return { org, people }
  })
}

describe('member management', () => {
  test('the last active owner can be neither demoted nor deactivated', async () => {
    const { org, people } = await orgWith('owner', 'owner')
    const [first, second] = people as [User, User]
    await as({ orgId: org.id, user: first, role: 'owner' }, (ctx) =>
      changeMemberRole(ctx, { userId: second.id, role: 'admin' }),
    )
    // The second owner's request was authorized while they were still an owner (a stale role).
    const stale = { orgId: org.id, user: second, role: 'owner' as const }
    const demote = await refusal(
      as(stale, (ctx) => changeMemberRole(ctx, { userId: first.id, role: 'admin' })),
    )
    expect(demote.message).toBe('admin:member.errors.lastOwner')
    const deactivate = await refusal(
      as(stale, (ctx) => setMemberStatus(ctx, { userId: first.id, status: 'deactivated' })),
    )
    expect(deactivate.message).toBe('admin:member.errors.lastOwner')
    const owner = await as({ orgId: org.id, user: first, role: 'owner' }, (ctx) =>
      getMember(ctx, { userId: first.id }),
    )
    expect(owner).toMatchObject({ role: 'owner', status: 'active' })
  })

  test('two owners demoting each other at once leave exactly one owner', async () => {
    const { org, people } = await orgWith('owner', 'owner')
    const [a, b] = people as [User, User]
    const results = await Promise.allSettled([
      as({ orgId: org.id, user: a, role: 'owner' }, (ctx) =>
        changeMemberRole(ctx, { userId: b.id, role: 'member' }),
      ),
      as({ orgId: org.id, user: b, role: 'owner' }, (ctx) =>
        changeMemberRole(ctx, { userId: a.id, role: 'member' }),
      ),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const owners = await asSystem((tx) =>
      tx.select().from(memberships).where(eq(memberships.orgId, org.id)),
    ).then((rows) => rows.filter((m) => m.role === 'owner' && m.status === 'active'))
    expect(owners).toHaveLength(1)
  })

  test('an admin cannot promote anyone to owner, nor change an owner', async () => {
    const { org, people } = await orgWith('owner', 'admin', 'member')
    const [owner, admin, member] = people as [User, User, User]
    const actor = { orgId: org.id, user: admin, role: 'admin' as const }
    const promote = await refusal(
      as(actor, (ctx) => changeMemberRole(ctx, { userId: member.id, role: 'owner' })),
    )
    expect(promote.message).toBe('admin:member.errors.roleNotAssignable')
    const demote = await refusal(
      as(actor, (ctx) => changeMemberRole(ctx, { userId: owner.id, role: 'viewer' })),
    )
    expect(demote.message).toBe('admin:member.errors.ownerByAdmin')
    const self = await refusal(
      as(actor, (ctx) => changeMemberRole(ctx, { userId: admin.id, role: 'viewer' })),
    )
    expect(self.message).toBe('admin:member.errors.self')
    // What an admin may do, they can.
    await as(actor, (ctx) => changeMemberRole(ctx, { userId: member.id, role: 'viewer' }))
    const changed = await as(actor, (ctx) => getMember(ctx, { userId: member.id }))
    expect(changed.role).toBe('viewer')
  })

  test('a manager cannot manage members even if the route check were skipped', async () => {
    const { org, people } = await orgWith('owner', 'manager', 'member')
    const [, manager, member] = people as [User, User, User]
    const error = await refusal(
      as({ orgId: org.id, user: manager, role: 'manager' }, (ctx) =>
        setMemberStatus(ctx, { userId: member.id, status: 'deactivated' }),
      ),
    )
    expect(error.code).toBe('forbidden')
  })

  // Ending the sessions is the route's part: covered over HTTP in sessions.test.ts.
  test('deactivation is audited and can be undone', async () => {
    const { org, people } = await orgWith('owner', 'member')
    const [owner, member] = people as [User, User]
    await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
      setMemberStatus(ctx, { userId: member.id, status: 'deactivated' }),
    )
    const events = await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
      listAuditEvents(ctx, { action: 'member.' }),
    )
    expect(events.events.map((e) => e.action)).toEqual(['member.deactivated'])

    await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
      setMemberStatus(ctx, { userId: member.id, status: 'active' }),
    )
    expect(
      (
        await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
          getMember(ctx, { userId: member.id }),
        )
      ).status,
    ).toBe('active')
  })

  test("a partner's people are not members: not listed, and their detail is not found", async () => {
    const { org, people } = await orgWith('owner')
    const [owner] = people as [User]
    const partner = await asSystem(async (tx) => {
      const p = await createOrg(tx, { kind: 'retailer' })
      const person = await createMember(tx, { orgId: p.id, role: 'owner' })
      await createPartnership(tx, { hostOrgId: org.id, partnerOrgId: p.id })
      return person
    })
    const actor = { orgId: org.id, user: owner, role: 'owner' as const }
    const list = await as(actor, (ctx) => listMembers(ctx, {}, { page: 1, pageSize: 50, offset: 0 }))
    expect(list.members.map((m) => m.userId)).toEqual([owner.id])
    expect(list.total).toBe(1)
    const error = await refusal(as(actor, (ctx) => getMember(ctx, { userId: partner.id })))
    expect(error.code).toBe('not_found')
    const search = await as(actor, (ctx) =>
      listMembers(ctx, { q: '%' }, { page: 1, pageSize: 50, offset: 0 }),
    )
    expect(search.members).toEqual([])
  })
})

describe('organization settings', () => {
  test('a save based on an outdated form is refused and changes nothing', async () => {
    const { org, people } = await orgWith('owner', 'admin')
    const [owner, admin] = people as [User, User]
    const loaded = await as({ orgId: org.id, user: owner, role: 'owner' }, getOrgSettings)
    const first = {
      ...loaded,
      name: 'First Name',
      timeZone: 'Asia/Tehran',
      defaultCurrency: 'IRR',
      locale: 'fa' as const,
    }
    const saved = await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
      updateOrgSettings(ctx, first),
    )
    expect(saved.changed).toEqual(['name', 'defaultCurrency', 'locale', 'timeZone'])
    // The admin loaded the same version before the owner saved.
    const conflict = await refusal(
      as({ orgId: org.id, user: admin, role: 'admin' }, (ctx) =>
        updateOrgSettings(ctx, { ...loaded, locale: 'en', name: 'Second Name' }),
      ),
    )
    expect(conflict.code).toBe('conflict')
    const [row] = await asSystem((tx) => tx.select().from(organizations).where(eq(organizations.id, org.id)))
    expect(row).toMatchObject({
      name: 'First Name',
      timeZone: 'Asia/Tehran',
      defaultCurrency: 'IRR',
      locale: 'fa',
    })
    // With the fresh token the admin's save goes through.
    const fresh = await as({ orgId: org.id, user: admin, role: 'admin' }, getOrgSettings)
    await as({ orgId: org.id, user: admin, role: 'admin' }, (ctx) =>
      updateOrgSettings(ctx, { ...fresh, locale: 'en', name: 'Second Name' }),
    )
    const audit = await as({ orgId: org.id, user: owner, role: 'owner' }, (ctx) =>
      listAuditEvents(ctx, { action: 'org.settings_updated' }),
    )
    expect(audit.events).toHaveLength(2)
  })

  test('an unknown currency or time zone is refused', () => {
    const base = { name: 'Acme', locale: 'en', updatedAt: new Date().toISOString() }
    const ok = OrgSettingsSchema.safeParse({ ...base, defaultCurrency: ' eur ', timeZone: 'Europe/Berlin' })
    expect(ok.success && ok.data.defaultCurrency).toBe('EUR')
    expect(OrgSettingsSchema.safeParse({ ...base, defaultCurrency: 'USD', timeZone: 'UTC' }).success).toBe(
      true,
    )
    for (const [defaultCurrency, timeZone, message] of [
      ['XYZ', 'UTC', 'validation.invalidCurrency'],
      ['DOLLARS', 'UTC', 'validation.invalidCurrency'],
      ['USD', 'Mars/Olympus_Mons', 'validation.invalidTimeZone'],
      ['USD', '+03:30', 'validation.invalidTimeZone'],
    ] as const) {
      const result = OrgSettingsSchema.safeParse({ ...base, defaultCurrency, timeZone })
      expect(result.success).toBe(false)
      expect(result.error?.issues.map((i) => i.message)).toContain(message)
    }
    expect(
      OrgSettingsSchema.safeParse({ ...base, locale: 'de', defaultCurrency: 'USD', timeZone: 'UTC' }).success,
    ).toBe(false)
  })
})

describe('audit log', () => {
  test("lists only the org's own events, newest first, page by page", async () => {
    const { org, people } = await orgWith('owner')
    const other = await orgWith('owner')
    const actor = { orgId: org.id, user: people[0] as User, role: 'owner' as const }
    const foreign = { orgId: other.org.id, user: other.people[0] as User, role: 'owner' as const }
    for (const n of [1, 2, 3]) {
      await as(actor, (ctx) => ctx.audit({ action: `test.event_${n}` }))
      await as(foreign, (ctx) => ctx.audit({ action: `test.foreign_${n}` }))
    }
    await asSystem((tx) =>
      recordAudit(tx, { orgId: org.id, userId: null, ip: null, requestId: null }, { action: 'test.system' }),
    )
    const all = await as(actor, (ctx) => listAuditEvents(ctx, { action: 'test.' }))
    expect(all.events.map((e) => e.action)).toEqual([
      'test.system',
      'test.event_3',
      'test.event_2',
      'test.event_1',
    ])
    expect(all.events[0]?.actorName).toBeNull()
    expect(all.events[1]?.actorName).toBe((people[0] as User).name)
    expect(all.next).toBeUndefined()

    const first = await as(actor, (ctx) => listAuditEvents(ctx, { action: 'test.' }, 2))
    expect(first.events.map((e) => e.action)).toEqual(['test.system', 'test.event_3'])
    const second = await as(actor, (ctx) => listAuditEvents(ctx, { action: 'test.', before: first.next }, 2))
    expect(second.events.map((e) => e.action)).toEqual(['test.event_2', 'test.event_1'])
    expect(second.next).toBeUndefined()

    const byActor = await as(actor, (ctx) => listAuditEvents(ctx, { actorId: (other.people[0] as User).id }))
    expect(byActor.events).toEqual([])
    // A LIKE wildcard in the filter is text, not a pattern.
    expect((await as(actor, (ctx) => listAuditEvents(ctx, { action: '%' }))).events).toEqual([])
  })
})

describe('outbox', () => {
  test("another org's emails are invisible, in the list and by id", async () => {
    const { org, people } = await orgWith('owner')
    const other = await orgWith('owner')
    const email = (orgId: string, subject: string) => ({
      orgId,
      template: 'invitation',
      toAddress: 'someone@example.test',
      subject,
      html: '<p>Hello</p>',
      text: 'Hello https://example.test/accept',
    })
    const [mine, theirs] = await asSystem(async (tx) => [
      ...(await tx.insert(emailOutbox).values(email(org.id, 'Mine')).returning()),
      ...(await tx.insert(emailOutbox).values(email(other.org.id, 'Theirs')).returning()),
    ])
    const actor = { orgId: org.id, user: people[0] as User, role: 'owner' as const }
    const list = await as(actor, (ctx) => listOutbox(ctx, { page: 1, pageSize: 50, offset: 0 }))
    expect(list.emails.map((e) => e.subject)).toEqual(['Mine'])
    expect(list.total).toBe(1)
    expect((await as(actor, (ctx) => getOutboxEmail(ctx, { id: mine?.id ?? '' }))).subject).toBe('Mine')
    const error = await refusal(as(actor, (ctx) => getOutboxEmail(ctx, { id: theirs?.id ?? '' })))
    expect(error.code).toBe('not_found')
  })
})
