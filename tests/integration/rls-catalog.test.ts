import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { closeDatabase } from '#db/client.ts'
import {
  auditEvents,
  emailOutbox,
  invitations,
  memberships,
  organizations,
  partnerships,
} from '#db/schema/index.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'
import { publicTables, rowsOf } from './records.ts'
import { createWorld, type World } from './world.ts'

/**
 * DESIGN.md §3, the database lock, read from the catalog: it fails when a table is added without row-level
 * security, so a forgotten `tandem_protect(...)` cannot ship. Runs on PGlite and on PostgreSQL.
 */

await ensureMigrated()
const tables = [...(await publicTables()).entries()]
const scopeColumns = ['org_id', 'partnership_id', 'host_org_id', 'partner_org_id']
const scopedTables = tables.filter(([, columns]) => columns.some((c) => scopeColumns.includes(c)))

let world: World

beforeAll(async () => {
  world = await createWorld()
})
afterAll(closeDatabase)

/** The whole error chain (drizzle wraps the driver's error). */
function errorText(error: unknown): string {
  const parts: string[] = []
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    parts.push(String(e.message ?? e))
  }
  return parts.join(' | ')
}

async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
  } catch (error) {
    return errorText(error)
  }
  return 'no error'
}

type TableFlags = { rls: boolean; force: boolean; policies: number }

async function flagsOf(table: string): Promise<TableFlags> {
  const [row] = await asSystem((tx) =>
    rowsOf<TableFlags>(
      tx,
      sql`select c.relrowsecurity as rls, c.relforcerowsecurity as force,
            (select count(*)::int from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) as policies
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relname = ${table}`,
    ),
  )
  return row
}

type Policy = { name: string; cmd: string; using: string | null; check: string | null }

async function appPolicies(table: string): Promise<Policy[]> {
  return asSystem((tx) =>
    rowsOf<Policy>(
      tx,
      sql`select policyname as name, cmd, qual as using, with_check as check from pg_policies
          where schemaname = 'public' and tablename = ${table} and 'tandem_app' = any(roles)`,
    ),
  )
}

test('the catalog lists the tables of the schema', () => {
  expect(tables.map(([t]) => t)).toEqual(
    expect.arrayContaining(['organizations', 'partnerships', 'audit_events']),
  )
})

describe('every table in schema public', () => {
  test.for(tables.map(([t]) => t))('%s: row-level security enabled, forced, with a policy', async (table) => {
    expect(await flagsOf(table), `add SELECT tandem_protect('${table}', ...) to a migration`).toEqual({
      rls: true,
      force: true,
      policies: expect.any(Number),
    })
    expect((await flagsOf(table)).policies, `${table} has no policy`).toBeGreaterThan(0)
  })

  test.for(tables.map(([t]) => t))(
    '%s: no policy opens it to the app role unconditionally',
    async (table) => {
      for (const policy of await appPolicies(table)) {
        expect([policy.using, policy.check], `${table}.${policy.name}`).not.toContain('true')
      }
    },
  )
})

describe('every table holding org or partnership data', () => {
  test.for(scopedTables.map(([t]) => t))(
    '%s: has a policy for tandem_app scoped to the tenant',
    async (table) => {
      const policies = await appPolicies(table)
      expect(policies.length, `${table} has no policy for tandem_app`).toBeGreaterThan(0)
      // Every app-role policy must consult the request's org/user, or the partnerships RLS already limits to them.
      for (const policy of policies) {
        const text = `${policy.using ?? ''} ${policy.check ?? ''}`
        expect(text, `${table}.${policy.name}`).toMatch(/app_org_id\(\)|app_user_id\(\)|FROM partnerships\b/)
      }
    },
  )
})

describe('the app role', () => {
  test('is not a superuser, cannot bypass RLS and owns nothing', async () => {
    const [role] = await asSystem((tx) =>
      rowsOf<{ super: boolean; bypass: boolean; owned: number }>(
        tx,
        sql`select r.rolsuper as super, r.rolbypassrls as bypass,
              (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
            from pg_roles r where r.rolname = 'tandem_app'`,
      ),
    )
    expect(role).toEqual({ super: false, bypass: false, owned: 0 })
  })

  test('runs the request transactions', async () => {
    const [row] = await withTenant({ orgId: null, userId: null }, (tx) =>
      rowsOf<{ who: string }>(tx, sql`select current_user as who`),
    )
    expect(row.who).toBe('tandem_app')
  })

  test('logs in as itself when DATABASE_APP_URL is set; otherwise the owner switches to it per transaction', async () => {
    const [row] = await withTenant({ orgId: null, userId: null }, (tx) =>
      rowsOf<{ login: string; who: string }>(tx, sql`select session_user as login, current_user as who`),
    )
    expect(row.who).toBe('tandem_app')
    expect(row.login === 'tandem_app').toBe(Boolean(process.env.DATABASE_APP_URL))
  })

  test('cannot update or delete audit events, even its own org’s', async () => {
    const scope = { orgId: world.foreign.z.id, userId: world.foreign.zOwner.id }
    const seen = await withTenant(scope, (tx) => tx.select().from(auditEvents))
    expect(seen.length).toBeGreaterThan(0)
    expect(
      await failure(() =>
        withTenant(scope, (tx) =>
          tx.update(auditEvents).set({ action: 'tampered' }).where(eq(auditEvents.orgId, scope.orgId)),
        ),
      ),
    ).toMatch(/permission denied/)
    expect(
      await failure(() =>
        withTenant(scope, (tx) => tx.delete(auditEvents).where(eq(auditEvents.orgId, scope.orgId))),
      ),
    ).toMatch(/permission denied/)
  })
})

describe('with no org set', () => {
  test('the world factory put at least one row in every table', async () => {
    const empty: string[] = []
    await asSystem(async (tx) => {
      for (const [table] of tables) {
        const [row] = await rowsOf<{ n: number }>(
          tx,
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        )
        if (row.n === 0) empty.push(table)
      }
    })
    expect(empty, 'add rows of these tables in tests/integration/world.ts').toEqual([])
  })

  test.for(tables.map(([t]) => t))('%s: the app role sees no rows', async (table) => {
    const [grant] = await asSystem((tx) =>
      rowsOf<{ ok: boolean }>(
        tx,
        sql`select has_table_privilege('tandem_app', ${`public.${table}`}, 'SELECT') as ok`,
      ),
    )
    const count = () =>
      withTenant({ orgId: null, userId: null }, (tx) =>
        rowsOf<{ n: number }>(tx, sql`select count(*)::int as n from ${sql.identifier(table)}`),
      )
    if (!grant.ok) {
      expect(await failure(count)).toMatch(/permission denied/)
      return
    }
    expect((await count())[0].n).toBe(0)
  })
})

describe('cross-tenant writes are refused', () => {
  const asA = <T>(fn: Parameters<typeof withTenant<T>>[1]) =>
    withTenant({ orgId: world.a.org.id, userId: world.a.members.owner.id }, fn)
  const rlsViolation = /new row violates row-level security policy/

  test('a partnership hosted by another org', async () => {
    expect(
      await failure(() =>
        asA((tx) =>
          tx
            .insert(partnerships)
            .values({ hostOrgId: world.foreign.z.id, partnerOrgId: world.a.org.id, kind: 'channel' }),
        ),
      ),
    ).toMatch(rlsViolation)
  })

  test("another org's organization row is not updated", async () => {
    const updated = await asA((tx) =>
      tx
        .update(organizations)
        .set({ name: 'Hijacked' })
        .where(eq(organizations.id, world.foreign.z.id))
        .returning(),
    )
    expect(updated).toEqual([])
    const [z] = await asSystem((tx) =>
      tx.select().from(organizations).where(eq(organizations.id, world.foreign.z.id)),
    )
    expect(z.name).toBe(world.foreign.z.name)
  })

  test("an audit event in another org's log", async () => {
    expect(
      await failure(() =>
        asA((tx) => tx.insert(auditEvents).values({ orgId: world.foreign.z.id, action: 'forged' })),
      ),
    ).toMatch(rlsViolation)
  })

  test('a membership in another org', async () => {
    expect(
      await failure(() =>
        asA((tx) =>
          tx
            .insert(memberships)
            .values({ orgId: world.foreign.z.id, userId: world.a.members.owner.id, role: 'owner' }),
        ),
      ),
    ).toMatch(rlsViolation)
  })

  test("an email in another org's outbox, an invitation sent in another org's name", async () => {
    expect(
      await failure(() =>
        asA((tx) =>
          tx.insert(emailOutbox).values({
            orgId: world.foreign.z.id,
            template: 't',
            toAddress: 'x@x.test',
            subject: 's',
            html: '',
            text: '',
          }),
        ),
      ),
    ).toMatch(rlsViolation)
    expect(
      await failure(() =>
        asA((tx) =>
          tx.insert(invitations).values({
            tokenHash: `forged-${world.marker}`,
            orgId: world.a.org.id,
            invitedByOrgId: world.foreign.z.id,
            email: 'x@x.test',
            role: 'owner',
            expiresAt: new Date(Date.now() + 60_000),
          }),
        ),
      ),
    ).toMatch(rlsViolation)
  })

  test("another org's partnership is not updated", async () => {
    const updated = await asA((tx) =>
      tx
        .update(partnerships)
        .set({ status: 'ended' })
        .where(eq(partnerships.id, world.foreign.partnership.id))
        .returning(),
    )
    expect(updated).toEqual([])
  })
})
