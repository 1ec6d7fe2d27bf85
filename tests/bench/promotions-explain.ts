import { type SQL, sql } from 'drizzle-orm'
import type { ServiceContext } from '#app/features/service-context.server.ts'
import type { Tx } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import { asCaller } from '#tests/integration/service-context.ts'
import type { PromotionsWorld } from './promotions-seed.ts'
import { managerOf, type ViewCase } from './promotions-views.ts'

/**
 * Runs a service as the manager with every raw query it sends through `tx.execute` preceded by its
 * EXPLAIN (ANALYZE, BUFFERS) under the same RLS transaction, printed to stderr: where a slow view spends its time.
 */
export async function explainService(
  world: PromotionsWorld,
  label: string,
  fn: (ctx: ServiceContext) => Promise<unknown>,
) {
  const out: string[] = [`\n=== ${label}`]
  await asCaller(managerOf(world), (ctx) => {
    const tx = new Proxy(ctx.tx, {
      get(target, prop, receiver) {
        if (prop !== 'execute') return Reflect.get(target, prop, receiver)
        return async (query: SQL) => {
          const plan = await rowsOf<{ 'QUERY PLAN': string }>(
            target,
            sql`explain (analyze, buffers) ${query}`,
          )
          out.push(`--- query ${out.length}`, ...plan.map((r) => r['QUERY PLAN']))
          return target.execute(query)
        }
      },
    }) as Tx
    return fn({ ...ctx, tx })
  })
  process.stderr.write(`${out.join('\n')}\n`)
}

/** EXPLAIN ANALYZE of every view's service queries (BENCH_EXPLAIN=1). */
export async function explainViews(world: PromotionsWorld, cases: ViewCase[], when: string) {
  for (const c of cases) await explainService(world, `${c.name}, ${when}`, (ctx) => c.service(ctx, 0))
}
