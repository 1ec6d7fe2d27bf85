import { type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { rowsOf } from '#db/rows.ts'
import type { PromotionStatus } from '#db/schema/index.ts'
import { seesOwnOnly } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { type CalendarRange, layoutLane } from './calendar.ts'

export type CalendarFilters = { status?: PromotionStatus; partnershipId?: string; sku?: string }

type Overlap = { id: string; name: string }

type Row = {
  id: string
  name: string
  status: PromotionStatus
  starts_on: string
  ends_on: string
  partnership_id: string
  partner_name: string
  skus: string[] | null
  overlaps: Overlap[] | string | null
  lane: number | string
  lanes: number | string
}

/**
 * The promotions calendar: every promotion on the caller's partnerships whose dates touch the range, one lane per
 * partnership (the other side's name), lanes paginated in one query (ranked by partner name, so a page never splits
 * a lane). Each promotion lists the running promotions of the same partnership whose dates overlap its own (both
 * ends inclusive), whatever the filters and the period shown; rejected and cancelled ones clash with nothing. A
 * member_own sees, and is told of, only the promotions they started, as in the list.
 */
export async function listCalendar(
  ctx: ServiceContext,
  input: { range: Pick<CalendarRange, 'from' | 'to'>; filters: CalendarFilters; page: PageRequest },
) {
  const { from, to } = input.range
  const { status, partnershipId, sku } = input.filters
  const where: SQL[] = [
    sql`(ps.host_org_id = ${ctx.orgId} or ps.partner_org_id = ${ctx.orgId})`,
    sql`p.starts_on <= ${to} and p.ends_on >= ${from}`,
  ]
  if (status) where.push(sql`p.status = ${status}`)
  if (partnershipId) where.push(sql`p.partnership_id = ${partnershipId}`)
  if (sku) {
    where.push(sql`exists (select 1 from promotion_products x
                           where x.promotion_id = p.id and lower(x.sku) = lower(${sku}))`)
  }
  const own = seesOwnOnly(ctx.role)
  if (own) where.push(sql`p.created_by_id = ${ctx.userId}`)
  const rows = await rowsOf<Row>(
    ctx.tx,
    sql`with visible as (
          select p.id, p.name, p.status, p.starts_on::text as starts_on, p.ends_on::text as ends_on,
                 p.partnership_id, o.name as partner_name,
                 (select array_agg(pp.sku order by pp.position, pp.sku) from promotion_products pp
                   where pp.promotion_id = p.id) as skus,
                 (select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.starts_on, o.name)
                    from promotions o
                   where o.partnership_id = p.partnership_id and o.id <> p.id
                     and o.status not in ('rejected', 'cancelled') and p.status not in ('rejected', 'cancelled')
                     and o.starts_on <= p.ends_on and o.ends_on >= p.starts_on
                     and (not ${own} or o.created_by_id = ${ctx.userId})) as overlaps,
                 dense_rank() over (order by o.name, p.partnership_id) as lane
          from promotions p
          join partnerships ps on ps.id = p.partnership_id
          join organizations o on o.id = case when ps.host_org_id = ${ctx.orgId}
                                              then ps.partner_org_id else ps.host_org_id end
          where ${sql.join(where, sql` and `)}
        )
        select w.* from (select v.*, max(v.lane) over () as lanes from visible v) w
        where w.lane > ${input.page.offset} and w.lane <= ${input.page.offset + input.page.pageSize}
        order by w.lane, w.starts_on, w.name`,
  )
  const lanes = new Map<string, { partnershipId: string; partnerName: string; items: Row[] }>()
  for (const r of rows) {
    const entry = lanes.get(r.partnership_id) ?? {
      partnershipId: r.partnership_id,
      partnerName: r.partner_name,
      items: [],
    }
    entry.items.push(r)
    lanes.set(r.partnership_id, entry)
  }
  const laid = [...lanes.values()].map((lane) => {
    const { items, rows } = layoutLane(
      lane.items.map((r) => ({
        id: r.id,
        name: r.name,
        status: r.status,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        skus: r.skus ?? [],
        overlaps: ((typeof r.overlaps === 'string' ? JSON.parse(r.overlaps) : r.overlaps) ?? []) as Overlap[],
      })),
    )
    return { partnershipId: lane.partnershipId, partnerName: lane.partnerName, rows, items }
  })
  return { lanes: laid, totalLanes: rows.length ? Number(rows[0].lanes) : 0 }
}

/** The partner filter's choices: the caller's partnerships by the other side's name. */
export async function listCalendarPartners(ctx: ServiceContext) {
  const rows = await rowsOf<{ id: string; name: string }>(
    ctx.tx,
    sql`select ps.id, o.name from partnerships ps
        join organizations o on o.id = case when ps.host_org_id = ${ctx.orgId}
                                            then ps.partner_org_id else ps.host_org_id end
        where ps.host_org_id = ${ctx.orgId} or ps.partner_org_id = ${ctx.orgId}
        order by o.name, ps.id limit 500`,
  )
  return rows.map((r) => ({ value: r.id, label: r.name }))
}
