import { type SQL, sql } from 'drizzle-orm'
import type { PageRequest } from '#app/lib/pagination.ts'
import { rowsOf } from '#db/rows.ts'
import type { ChannelKind, ThreadRecordType } from '#db/schema/index.ts'
import { can, seesOwnOnly } from '../auth/permissions.ts'
import type { ServiceContext } from '../service-context.server.ts'

export type ChannelSummary = {
  id: string
  kind: ChannelKind
  name: string
  recordType: ThreadRecordType | null
  partnerName: string | null
  lastMessageAt: string | null
  unread: number
}

/** Unread counts stop here ("99+"): counting a huge backlog exactly is work nobody reads. */
const UNREAD_CAP = 100

/**
 * The caller's channels, newest activity first, with unread counts (messages by others after their read mark).
 * The WHERE repeats findChannel's lock in SQL, so the list never shows a channel its page would refuse.
 */
export async function listChannels(ctx: ServiceContext, input: { q?: string; page: PageRequest }) {
  const staff = can(ctx.role, 'chat:internal')
  const ownOnly = seesOwnOnly(ctx.role)
  const search = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const visible: SQL = sql`
    from channels c
    left join partnerships p on p.id = c.partnership_id
    left join organizations ho on ho.id = p.host_org_id
    left join organizations po on po.id = p.partner_org_id
    left join quotes q on c.record_type = 'quote' and q.id = c.record_id
    left join invoices i on c.record_type = 'invoice' and i.id = c.record_id
    left join promotions pr on c.record_type = 'promotion' and pr.id = c.record_id
    left join forecast_exceptions fe on c.record_type = 'forecast_exception' and fe.id = c.record_id
    left join forecasts fc on fc.id = fe.forecast_id
    where (c.kind <> 'internal' or (c.org_id = ${ctx.orgId} and ${staff}))
      and (c.partnership_id is null or p.host_org_id = ${ctx.orgId} or p.partner_org_id = ${ctx.orgId})
      and (c.kind <> 'record'
        or (q.id is not null and case when q.host_org_id = ${ctx.orgId}
              then (not ${ownOnly} or q.owner_id = ${ctx.userId}) else q.published_revision is not null end)
        or (i.id is not null and case when i.host_org_id = ${ctx.orgId}
              then (not ${ownOnly} or i.owner_id = ${ctx.userId}) else i.issued_at is not null end)
        or (pr.id is not null and (not ${ownOnly} or pr.created_by_id = ${ctx.userId}))
        or (fc.id is not null and (not ${ownOnly} or fc.created_by_id = ${ctx.userId})))
      and (${search}::text is null or c.name ilike ${search}
        or (case when p.host_org_id = ${ctx.orgId} then po.name else ho.name end) ilike ${search})`
  const [rows, [{ total }]] = await Promise.all([
    rowsOf<{
      id: string
      kind: ChannelKind
      name: string
      record_type: ThreadRecordType | null
      partner_name: string | null
      last_message_at: Date | string | null
      unread: number | string
    }>(
      ctx.tx,
      sql`select c.id, c.kind, c.name, c.record_type, c.last_message_at,
            case when c.partnership_id is null then null
                 when p.host_org_id = ${ctx.orgId} then po.name else ho.name end as partner_name,
            (select count(*) from (
               select 1 from chat_messages m
               where m.channel_id = c.id and m.author_id <> ${ctx.userId} and m.deleted_at is null
                 and m.id > coalesce((select r.last_read_id from chat_reads r
                                      where r.channel_id = c.id and r.user_id = ${ctx.userId}), 0)
               limit ${UNREAD_CAP}) u) as unread
          ${visible}
          order by c.last_message_at desc nulls last, c.name
          limit ${input.page.pageSize} offset ${input.page.offset}`,
    ),
    rowsOf<{ total: number | string }>(ctx.tx, sql`select count(*) as total ${visible}`),
  ])
  const channels: ChannelSummary[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    name: r.name,
    recordType: r.record_type,
    partnerName: r.partner_name,
    lastMessageAt: r.last_message_at ? new Date(r.last_message_at).toISOString() : null,
    unread: Number(r.unread),
  }))
  return { channels, total: Number(total), unreadCap: UNREAD_CAP }
}
