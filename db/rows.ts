import type { SQL } from 'drizzle-orm'
import type { Tx } from './client.ts'

/** Rows of a raw SQL query on either driver: postgres.js returns the rows, PGlite returns { rows }. */
export async function rowsOf<T extends Record<string, unknown>>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows
}
