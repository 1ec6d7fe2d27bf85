import { desc, eq, type SQL, sql } from 'drizzle-orm'
import { rowsOf } from '#db/rows.ts'
import {
  type ForecastRule,
  forecastExceptionEvents,
  forecastExceptions,
  forecastVersions,
} from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { consensusShift, type RuleResult, sideGap } from './exception-rules.ts'
import type { FoundForecast } from './find-forecast.server.ts'
import type { ForecastRules } from './grid-types.ts'

type CellKey = { productId: string; weekStart: string }
type Figures = {
  host: number | null
  partner: number | null
  consensus: number | null
  published: number | null
}

const key = (p: string, w: string) => `${p}|${w}`

/** Restricts a query on alias `c` to the given cells (all of the plan's when `cells` is undefined). */
function onlyCells(cells: CellKey[] | undefined): SQL {
  if (!cells) return sql``
  const wanted = JSON.stringify(cells.map((c) => ({ p: c.productId, w: c.weekStart })))
  return sql`and (c.forecast_product_id, c.week_start) in
    (select k.p, k.w from jsonb_to_recordset(${wanted}::jsonb) as k(p uuid, w date))`
}

/**
 * The figures the rules read for each cell, as the grid shows them: a line's figure plus its active adjustments
 * (none where the line has no figure), the agreed consensus, and the newest published version's consensus.
 */
async function figuresOf(ctx: ServiceContext, forecastId: string, cells: CellKey[] | undefined) {
  const filter = onlyCells(cells)
  const [lines, adjustments, newest] = await Promise.all([
    rowsOf<{ p: string; w: string; host: number | null; partner: number | null; consensus: number | null }>(
      ctx.tx,
      sql`select c.forecast_product_id::text as p, c.week_start::text as w,
            max(c.value) filter (where c.line = 'host') as host,
            max(c.value) filter (where c.line = 'partner') as partner,
            max(c.value) filter (where c.line = 'consensus') as consensus
          from forecast_cells c where c.forecast_id = ${forecastId} and c.line <> 'actual' ${filter}
          group by 1, 2`,
    ),
    rowsOf<{ p: string; w: string; line: string; units: number }>(
      ctx.tx,
      sql`select c.forecast_product_id::text as p, c.week_start::text as w, a.line, sum(c.units)::int as units
          from forecast_adjustment_cells c
          join forecast_adjustments a on a.id = c.adjustment_id and a.undone_at is null
          where c.forecast_id = ${forecastId} ${filter}
          group by 1, 2, 3`,
    ),
    ctx.tx
      .select({ id: forecastVersions.id })
      .from(forecastVersions)
      .where(eq(forecastVersions.forecastId, forecastId))
      .orderBy(desc(forecastVersions.number))
      .limit(1),
  ])
  const published = newest[0]
    ? await rowsOf<{ p: string; w: string; consensus: number | null }>(
        ctx.tx,
        sql`select c.forecast_product_id::text as p, c.week_start::text as w, c.consensus
            from forecast_version_cells c where c.forecast_version_id = ${newest[0].id} ${filter}`,
      )
    : []
  const figures = new Map<string, Figures>()
  const at = (p: string, w: string) => {
    let f = figures.get(key(p, w))
    if (!f) {
      f = { host: null, partner: null, consensus: null, published: null }
      figures.set(key(p, w), f)
    }
    return f
  }
  for (const r of lines)
    Object.assign(at(r.p, r.w), { host: r.host, partner: r.partner, consensus: r.consensus })
  for (const a of adjustments) {
    const f = at(a.p, a.w)
    const line = a.line as 'host' | 'partner' | 'consensus'
    if (f[line] !== null) f[line] = (f[line] as number) + a.units
  }
  for (const r of published) at(r.p, r.w).published = r.consensus
  if (cells) for (const c of cells) at(c.productId, c.weekStart)
  return figures
}

type Existing = {
  id: string
  p: string
  w: string
  rule: ForecastRule
  status: string
  breaking: boolean
  left: number | null
  right: number | null
  varianceUnits: number
  varianceBp: number
}
type Change = Pick<
  Existing,
  'id' | 'left' | 'right' | 'varianceUnits' | 'varianceBp' | 'breaking' | 'status'
> & {
  resolved: boolean
}

/**
 * Re-checks the plan's rules on the given cells (every cell when none are given: after the rules changed, a version
 * was published, or a lift was applied or undone). A cell that breaks a rule opens its exception, or reopens a
 * resolved one; an open one follows the figures; one whose cell came back within the rule is resolved as cleared,
 * by the person whose change cleared it. Each step is kept in forecast_exception_events.
 */
export async function refreshExceptions(ctx: ServiceContext, found: FoundForecast, cells?: CellKey[]) {
  const { forecast } = found
  const rules: ForecastRules = {
    gapBp: forecast.gapBp,
    gapUnits: forecast.gapUnits,
    shiftBp: forecast.shiftBp,
  }
  const figures = await figuresOf(ctx, forecast.id, cells)
  const existing = await rowsOf<Existing>(
    ctx.tx,
    sql`select c.id::text as id, c.forecast_product_id::text as p, c.week_start::text as w, c.rule, c.status,
          c.breaking, c.left_value as left, c.right_value as right, c.variance_units as "varianceUnits",
          c.variance_bp as "varianceBp"
        from forecast_exceptions c where c.forecast_id = ${forecast.id} ${onlyCells(cells)}`,
  )
  const byCell = new Map(existing.map((e) => [`${key(e.p, e.w)}|${e.rule}`, e]))
  const events: (typeof forecastExceptionEvents.$inferInsert)[] = []
  const event = (exceptionId: string, action: string, from: string | null, to: string | null, note = '') =>
    events.push({
      exceptionId,
      partnershipId: forecast.partnershipId,
      action,
      fromStatus: from,
      toStatus: to,
      note,
      actorId: ctx.userId,
      actorOrgId: ctx.orgId,
    })

  const opens: (typeof forecastExceptions.$inferInsert)[] = []
  const changes: Change[] = []
  for (const [cell, f] of figures) {
    const [p, w] = cell.split('|')
    const results: [ForecastRule, RuleResult | null][] = [
      ['side_gap', sideGap(f.host, f.partner, rules)],
      ['consensus_shift', consensusShift(f.consensus, f.published, rules)],
    ]
    for (const [rule, result] of results) {
      const current = byCell.get(`${cell}|${rule}`)
      if (result?.breaking) {
        const figuresNow = {
          left: result.left,
          right: result.right,
          varianceUnits: result.varianceUnits,
          varianceBp: result.varianceBp,
        }
        if (!current) {
          opens.push({
            forecastId: forecast.id,
            partnershipId: forecast.partnershipId,
            forecastProductId: p,
            weekStart: w,
            rule,
            ...figuresNow,
          })
          continue
        }
        const reopen = current.status === 'resolved'
        const same =
          !reopen && current.breaking && current.left === result.left && current.right === result.right
        if (same) continue
        changes.push({
          id: current.id,
          ...figuresNow,
          breaking: true,
          status: reopen ? 'open' : current.status,
          resolved: false,
        })
        if (reopen) event(current.id, 'reopened', 'resolved', 'open')
      } else if (current && current.status !== 'resolved') {
        changes.push({
          id: current.id,
          left: current.left,
          right: current.right,
          varianceUnits: current.varianceUnits,
          varianceBp: current.varianceBp,
          breaking: false,
          status: 'resolved',
          resolved: true,
        })
        event(current.id, 'cleared', current.status, 'resolved')
      }
    }
  }
  if (opens.length > 0) {
    for (let i = 0; i < opens.length; i += 1000) {
      const rows = await ctx.tx
        .insert(forecastExceptions)
        .values(opens.slice(i, i + 1000))
        .returning({ id: forecastExceptions.id })
      for (const row of rows) event(row.id, 'opened', null, 'open')
    }
  }
  if (changes.length > 0) {
    // One statement for every exception that moved: a block paste can touch a thousand of them.
    await ctx.tx.execute(sql`update forecast_exceptions e set
        left_value = x.left_value, right_value = x.right_value, variance_units = x.variance_units,
        variance_bp = x.variance_bp, breaking = x.breaking, status = x.status,
        resolved_by_id = case when x.resolved then ${ctx.userId}::uuid end,
        resolved_at = case when x.resolved then now() end,
        version = e.version + 1, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(
        changes.map((c) => ({
          id: c.id,
          left_value: c.left,
          right_value: c.right,
          variance_units: c.varianceUnits,
          variance_bp: c.varianceBp,
          breaking: c.breaking,
          status: c.status,
          resolved: c.resolved,
        })),
      )}::jsonb) as x(id uuid, left_value int, right_value int, variance_units int, variance_bp int,
        breaking boolean, status text, resolved boolean)
      where e.id = x.id and e.forecast_id = ${forecast.id}`)
  }
  if (events.length > 0) await ctx.tx.insert(forecastExceptionEvents).values(events)
  return { events: events.length }
}
