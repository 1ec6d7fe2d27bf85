import { eq, type SQL, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { Tx } from '#db/client.ts'
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
import { publicTables, rowsOf, scopeCondition } from './records.ts'
import { createWorld, type World } from './world.ts'

/**
 * docs/architecture.md, “Who checks what”, the database lock, read from the catalog: it fails when a table is added without row-level
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

/**
 * The behaviour behind the policy text, table by table, generated from the catalog (a new table is covered
 * without edits): with A's org set, as the app role, nothing of the foreign world can be seen, copied in,
 * changed or deleted. Each probe runs in a transaction that is rolled back, so a hole cannot spoil the rest.
 */
describe("with A's org set, the foreign world is out of reach", () => {
  class Rollback<T> extends Error {
    constructor(readonly value: T) {
      super('rollback')
    }
  }

  /** Runs fn as A's owner through the app role and rolls back whatever it did. */
  async function probe<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const scope = { orgId: world.a.org.id, userId: world.a.members.owner.id }
    try {
      await withTenant(scope, async (tx) => {
        throw new Rollback(await fn(tx))
      })
    } catch (error) {
      if (error instanceof Rollback) return error.value as T
      throw error
    }
    throw new Error('unreachable')
  }

  const scopeColumnNames = [
    'org_id',
    'host_org_id',
    'partner_org_id',
    'invited_by_org_id',
    'partnership_id',
    'user_id',
  ]
  const refused = /new row violates row-level security policy|permission denied/

  function foreignRows(table: string) {
    const columns = tables.find(([t]) => t === table)?.[1] ?? []
    return scopeCondition(table, columns, world.foreign)
  }

  /** Columns a copied row can be written into (generated columns are computed, not written). */
  async function writableColumns(table: string) {
    const rows = await asSystem((tx) =>
      rowsOf<{ name: string }>(
        tx,
        sql`select a.attname as name from pg_attribute a
            where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped
              and a.attgenerated = ''
            order by a.attnum`,
      ),
    )
    return rows.map((r) => r.name)
  }

  // Decided from the columns alone (which tables have a scope column), before the world exists.
  const none = { orgIds: [], partnershipIds: [], userIds: [] }
  const tied = tables.filter(([t, columns]) => scopeCondition(t, columns, none) !== null)

  test('every table is tied to a world by an org, partnership or user column', () => {
    expect(
      tables.filter(([t, columns]) => scopeCondition(t, columns, none) === null).map(([t]) => t),
    ).toEqual([])
  })

  test.for(tied.map(([t]) => t))('%s: no foreign row is visible', async (table) => {
    const condition = foreignRows(table)
    if (!condition) throw new Error(`${table} is not tied to a world`)
    const [system] = await asSystem((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${condition}`,
      ),
    )
    expect(
      system.n,
      `the world has no foreign ${table} row: add one in tests/integration/world.ts`,
    ).toBeGreaterThan(0)
    const seen = await probe((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.identifier(table)} where ${condition}`,
      ),
    ).then(
      ([row]) => row.n,
      (error: unknown) => errorText(error),
    )
    if (typeof seen === 'string') expect(seen).toMatch(/permission denied/)
    else expect(seen).toBe(0)
  })

  test.for(tied.map(([t]) => t))('%s: a copy of a foreign row cannot be inserted', async (table) => {
    const condition = foreignRows(table)
    if (!condition) throw new Error(`${table} is not tied to a world`)
    const columns = sql.join(
      (await writableColumns(table)).map((c) => sql.identifier(c)),
      sql`, `,
    )
    // Read as the owner; written back as A through the app role (no read of the foreign row is needed).
    const [row] = await asSystem((tx) =>
      rowsOf<{ row: unknown }>(
        tx,
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${condition} limit 1`,
      ),
    )
    const outcome = await failure(() =>
      probe((tx) =>
        tx.execute(
          sql`insert into ${sql.identifier(table)} (${columns}) overriding system value
              select ${columns} from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row.row)}::jsonb)`,
        ),
      ),
    )
    // A row tied to a world only by its own id (an organization) may be created by anyone signed in: its copy
    // collides on the key instead.
    const selfOnly = !(tables.find(([t]) => t === table)?.[1] ?? []).some((c) => scopeColumnNames.includes(c))
    expect(outcome).toMatch(selfOnly ? new RegExp(`${refused.source}|"${table}_pkey"`) : refused)
  })

  test.for(tied.map(([t]) => t))('%s: no foreign row can be updated or deleted', async (table) => {
    const condition = foreignRows(table)
    if (!condition) throw new Error(`${table} is not tied to a world`)
    const [first] = await writableColumns(table)
    const column = sql.identifier(first)
    const changed = (statement: SQL) =>
      probe((tx) => rowsOf<{ n: number }>(tx, statement)).then(
        (rows) => rows.length,
        (error: unknown) => errorText(error),
      )
    const updated = await changed(
      sql`update ${sql.identifier(table)} set ${column} = ${column} where ${condition} returning 1 as n`,
    )
    const deleted = await changed(
      sql`delete from ${sql.identifier(table)} where ${condition} returning 1 as n`,
    )
    for (const outcome of [updated, deleted]) {
      if (typeof outcome === 'string') expect(outcome).toMatch(refused)
      else expect(outcome).toBe(0)
    }
  })
})
