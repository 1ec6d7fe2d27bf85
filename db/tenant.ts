import { sql } from 'drizzle-orm'
import { committing } from './after-commit.ts'
import { type Db, getDatabase, type Tx } from './client.ts'

export type TenantScope = { orgId: string | null; userId: string | null }

/**
 * Runs fn in a transaction as the restricted role with the caller's org and user set transaction-locally,
 * so row-level security sees exactly what this caller may see. Every request-scoped query goes through here.
 */
export async function withTenant<T>(scope: TenantScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return committing((capture) =>
    getDatabase().app.transaction(async (tx) => {
      capture(tx)
      await tx.execute(
        sql`select set_config('role', 'tandem_app', true), set_config('app.org_id', ${scope.orgId ?? ''}, true), set_config('app.user_id', ${scope.userId ?? ''}, true)`,
      )
      return fn(tx)
    }),
  )
}

/** Owner transaction for the sign-in path, invitations by token, seeding and jobs: bypasses tenant policies. */
export async function asSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return getDatabase().owner.transaction(fn)
}

/** The owner handle for a single read on the sign-in path: one round trip, no transaction. Same rules as asSystem. */
export function systemDb(): Db {
  return getDatabase().owner
}
