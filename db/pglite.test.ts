import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openPglite } from './pglite.ts'

const client = openPglite('memory://')
const db = drizzle(client)

// Creating the cluster (initdb in WebAssembly) is slow on a busy machine: a hook's time, not a test's.
beforeAll(() => client.waitReady)
afterAll(() => client.close())

/** The messages of an error and its causes (drizzle wraps a driver's error as the cause of its own). */
async function failureOf(attempt: Promise<unknown>): Promise<string> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  )
  const messages: string[] = []
  for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message)
  return messages.join('\n')
}

describe('PGlite, one connection', () => {
  test('a query inside an open transaction but not on its handle is refused at once instead of waiting forever', async () => {
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      await db.execute(sql`select 2`)
    })
    expect(await failureOf(attempt)).toMatch(/PGlite has one connection/)
  })

  test('a transaction opened inside another one is refused at once, and the outer one rolls back', async () => {
    await db.execute(sql`create table if not exists marks (label text)`)
    const attempt = db.transaction(async (tx) => {
      await tx.execute(sql`insert into marks values ('outer')`)
      await db.transaction((inner) => inner.execute(sql`insert into marks values ('inner')`))
    })
    expect(await failureOf(attempt)).toMatch(/PGlite has one connection/)
    const { rows } = await client.query('select label from marks')
    expect(rows).toEqual([])
  })

  test('transactions started side by side still queue up and all commit', async () => {
    await db.execute(sql`create table if not exists counter (n int)`)
    await db.execute(sql`insert into counter values (0)`)
    await Promise.all(
      Array.from({ length: 5 }, () =>
        db.transaction(async (tx) => {
          await tx.execute(sql`update counter set n = n + 1`)
        }),
      ),
    )
    const { rows } = await client.query<{ n: number }>('select n from counter')
    expect(rows).toEqual([{ n: 5 }])
  })

  test('the handle works again once the refused transaction has ended', async () => {
    const attempt = db.transaction(async () => {
      await client.exec('select 1')
    })
    expect(await failureOf(attempt)).toMatch(/PGlite has one connection/)
    const { rows } = await client.query<{ ok: number }>('select 1 as ok')
    expect(rows).toEqual([{ ok: 1 }])
  })
})
