import { type SQL, sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import { asSystem } from '#db/tenant.ts'
import type { Scope, World } from './world.ts'

/**
 * Finds database rows for route params BY CONVENTION, so routes added later are covered without edits:
 * `:<thing>Id` → table `<thing>s` (snake_case plural). Only params whose table is named otherwise are listed here.
 */
export const paramTables: Record<string, string> = {
  partnershipId: 'partnerships',
  userId: 'users',
  messageId: 'email_outbox',
  invitationId: 'invitations',
}

/** Columns that tie a row to orgs, partnerships or people (a row is in a world when any of them matches). */
const scopeColumns = {
  org_id: 'orgIds',
  host_org_id: 'orgIds',
  partner_org_id: 'orgIds',
  invited_by_org_id: 'orgIds',
  partnership_id: 'partnershipIds',
  user_id: 'userIds',
} as const satisfies Record<string, keyof Scope>

/** Tables whose own id is one of the scope ids. */
const selfScoped: Record<string, keyof Scope> = {
  organizations: 'orgIds',
  partnerships: 'partnershipIds',
  users: 'userIds',
}

export { rowsOf }

let tablesCache: Promise<Map<string, string[]>> | undefined

/** Every ordinary or partitioned table in schema public, with its columns. */
export function publicTables(): Promise<Map<string, string[]>> {
  tablesCache ??= asSystem(async (tx) => {
    const rows = await rowsOf<{ table: string; column: string }>(
      tx,
      sql`select c.relname as "table", a.attname as "column"
          from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
          where n.nspname = 'public' and c.relkind in ('r', 'p')
          order by c.relname, a.attnum`,
    )
    const tables = new Map<string, string[]>()
    for (const { table, column } of rows) tables.set(table, [...(tables.get(table) ?? []), column])
    return tables
  })
  return tablesCache
}

function inList(column: string, ids: string[]): SQL {
  if (ids.length === 0) return sql`false`
  return sql`${sql.identifier(column)}::text in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`
}

/** The condition selecting a table's rows that belong to a world, or null when the table has no scope column. */
export function scopeCondition(table: string, columns: string[], scope: Scope): SQL | null {
  const parts: SQL[] = []
  const self = selfScoped[table]
  if (self && columns.includes('id')) parts.push(inList('id', scope[self]))
  for (const [column, key] of Object.entries(scopeColumns)) {
    if (columns.includes(column)) parts.push(inList(column, scope[key]))
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : null
}

export function tableCandidates(param: string): string[] {
  const aliased = paramTables[param]
  if (aliased) return [aliased]
  const thing = /^(.+)Id$/.exec(param)?.[1]
  if (!thing) return []
  const snake = thing.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
  return [`${snake}s`, `${snake}es`, `${snake.replace(/y$/, 'ie')}s`, snake]
}

async function recordFor(param: string, scope: Scope, label: string): Promise<string> {
  const candidates = tableCandidates(param)
  const tables = await publicTables()
  const table = candidates.find((t) => tables.has(t))
  const fix = `Add ${label} rows of that table in tests/integration/world.ts, or map the param in paramTables (tests/integration/records.ts) if its table is named otherwise.`
  if (!table) {
    throw new Error(
      `No table for route param ":${param}" (looked for ${candidates.join(', ') || 'a <thing>Id param'}). ${fix}`,
    )
  }
  const columns = tables.get(table) ?? []
  const condition = scopeCondition(table, columns, scope)
  if (!condition || !columns.includes('id')) {
    throw new Error(
      `Table "${table}" (route param ":${param}") has no id or no org/partnership column. ${fix}`,
    )
  }
  const [row] = await asSystem((tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`select id::text as id from ${sql.identifier(table)} where ${condition} order by 1 limit 1`,
    ),
  )
  if (!row) throw new Error(`No ${label} record in table "${table}" for route param ":${param}". ${fix}`)
  return row.id
}

const cache = new Map<string, Promise<string>>()

function memo(key: string, make: () => Promise<string>) {
  let found = cache.get(key)
  if (!found) {
    found = make()
    cache.set(key, found)
  }
  return found
}

/** The id of a record of the FOREIGN world (manufacturer Z, retailer Y) for a route param like `:partnershipId`. */
export function foreignRecordFor(world: World, param: string): Promise<string> {
  const named = world.records.foreign[param]
  if (named) return Promise.resolve(named)
  return memo(`${world.marker}:foreign:${param}`, () => recordFor(param, world.foreign, 'foreign'))
}

/** The id of a record of A's own world for a route param (for positive controls). */
export function ownRecordFor(world: World, param: string): Promise<string> {
  const named = world.records.home[param]
  if (named) return Promise.resolve(named)
  return memo(`${world.marker}:home:${param}`, () => recordFor(param, world.home, 'home'))
}

/** Every row of every public table that belongs to a world, as text: compared before and after the matrix. */
export async function snapshotOf(scope: Scope): Promise<Record<string, string[]>> {
  const tables = await publicTables()
  const snapshot: Record<string, string[]> = {}
  await asSystem(async (tx) => {
    for (const [table, columns] of tables) {
      const condition = scopeCondition(table, columns, scope)
      if (!condition) continue
      const rows = await rowsOf<{ row: string }>(
        tx,
        table === 'chat_reads'
          ? // The email digest sweep (chat-digest tests run it over the whole database) marks what it sent on these
            // rows; only what a person read belongs to the world.
            sql`select (to_jsonb(r) - 'digested_id' - 'digest_sent_at' - 'updated_at')::text as row
                from chat_reads r where ${condition} and r.read_at is not null order by 1`
          : sql`select ${sql.identifier(table)}::text as row from ${sql.identifier(table)} where ${condition} order by 1`,
      )
      snapshot[table] = rows.map((r) => r.row)
    }
  })
  return snapshot
}
