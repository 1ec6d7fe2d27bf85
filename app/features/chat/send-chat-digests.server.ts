import { type SQL, sql } from 'drizzle-orm'
import { eachLimited } from '#app/lib/each-limited.ts'
import { rowsOf } from '#db/rows.ts'
import type { DigestInterval } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { sendEmail } from '#emails/send.server.ts'
import { runAsMember } from '../run-as-member.server.ts'
import { findChannel } from './find-channel.server.ts'

/** How long a message waits unread before it is emailed ("away"), and the least time between two digests. */
const timing: Record<Exclude<DigestInterval, 'never'>, { grace: string; every: string }> = {
  immediately: { grace: '2 minutes', every: '5 minutes' },
  hourly: { grace: '1 hour', every: '1 hour' },
  daily: { grace: '24 hours', every: '24 hours' },
}

const LISTED = 20

type Candidate = {
  channel_id: string
  channel_name: string
  kind: string
  channel_org_id: string
  partnership_id: string | null
  user_id: string
  member_org_id: string
  email: string
  locale: string | null
  org_locale: string
  time_zone: string
  chat_digest: DigestInterval
  from_id: number | string
  newest_id: number | string
}

const graceOf = (column: SQL) =>
  sql`case ${column} when 'immediately' then interval '${sql.raw(timing.immediately.grace)}'
                     when 'hourly' then interval '${sql.raw(timing.hourly.grace)}'
                     else interval '${sql.raw(timing.daily.grace)}' end`
const everyOf = (column: SQL) =>
  sql`case ${column} when 'immediately' then interval '${sql.raw(timing.immediately.every)}'
                     when 'hourly' then interval '${sql.raw(timing.hourly.every)}'
                     else interval '${sql.raw(timing.daily.every)}' end`

/**
 * Emails people about channels they have not read for a while: at most one digest per channel per interval (their
 * preference), listing only messages by others that they have neither read nor been sent before. Each (channel,
 * person) is claimed in one conditional upsert of their read row, so two sweeps at once send one email.
 */
/** Digests claimed and sent at once; each claim is its own transaction, so order between people does not matter. */
const SENDS_IN_FLIGHT = 4

export async function sendChatDigests(options: { origin: string; now?: Date }) {
  const now = options.now ?? new Date()
  const candidates = await asSystem((tx) =>
    rowsOf<Candidate>(
      tx,
      sql`with members as (
            select c.id as channel_id, c.name as channel_name, c.kind, c.org_id as channel_org_id, c.partnership_id,
                   m.user_id, m.org_id as member_org_id, u.email, u.locale, o.locale as org_locale,
                   o.time_zone, u.chat_digest,
                   greatest(coalesce(r.last_read_id, 0), coalesce(r.digested_id, 0)) as from_id, r.digest_sent_at
            from channels c
            left join partnerships p on p.id = c.partnership_id
            join memberships m on m.status = 'active' and (
                 (c.partnership_id is null and m.org_id = c.org_id and m.role <> 'portal')
              or (c.partnership_id is not null and m.org_id in (p.host_org_id, p.partner_org_id)))
            join users u on u.id = m.user_id
            join organizations o on o.id = m.org_id
            left join chat_reads r on r.channel_id = c.id and r.user_id = m.user_id
            where u.chat_digest <> 'never'
              and c.last_message_at > ${now.toISOString()}::timestamptz - interval '8 days'
              and c.last_message_id > greatest(coalesce(r.last_read_id, 0), coalesce(r.digested_id, 0))
              and (r.digest_sent_at is null or r.digest_sent_at <= ${now.toISOString()}::timestamptz - ${everyOf(sql`u.chat_digest`)})
          )
          select mb.*, unread.oldest, unread.newest_id
          from members mb
          cross join lateral (
            select min(m.created_at) as oldest, max(m.id) as newest_id
            from chat_messages m
            where m.channel_id = mb.channel_id and m.id > mb.from_id
              and m.author_id <> mb.user_id and m.deleted_at is null
          ) unread
          where unread.oldest is not null
            and unread.oldest <= ${now.toISOString()}::timestamptz - ${graceOf(sql`mb.chat_digest`)}`,
    ),
  )
  let sent = 0
  await eachLimited(candidates, SENDS_IN_FLIGHT, async (c) => {
    // A record's thread follows the record: check with the person's own rights, as their page would.
    if (c.kind === 'record') {
      const visible = await runAsMember({ orgId: c.member_org_id, userId: c.user_id }, async (ctx) => {
        await findChannel(ctx, c.channel_id)
        return true
      }).catch(() => ({ ok: false as const }))
      if (!visible.ok) return
    }
    if (await claimAndSend(c, options.origin, now)) sent++
  })
  return { candidates: candidates.length, sent }
}

async function claimAndSend(c: Candidate, origin: string, now: Date) {
  const newest = Number(c.newest_id)
  const from = Number(c.from_id)
  const claimed = await asSystem((tx) =>
    rowsOf<{ ok: number }>(
      tx,
      sql`insert into chat_reads (channel_id, user_id, org_id, partnership_id, digested_id, digest_sent_at)
          values (${c.channel_id}, ${c.user_id}, ${c.channel_org_id}, ${c.partnership_id}, ${newest}, ${now.toISOString()})
          on conflict (channel_id, user_id) do update
            set digested_id = excluded.digested_id, digest_sent_at = excluded.digest_sent_at
            where greatest(chat_reads.last_read_id, chat_reads.digested_id) = ${from}
              and (chat_reads.digest_sent_at is null
                   or chat_reads.digest_sent_at <= ${now.toISOString()}::timestamptz - ${everyOf(sql`${c.chat_digest}`)})
          returning 1 as ok`,
    ),
  )
  if (claimed.length === 0) return false
  const messages = await asSystem((tx) =>
    rowsOf<{ author: string; org: string; at: Date | string; body: string; total: number | string }>(
      tx,
      sql`select u.name as author, o.name as org, m.created_at as at, m.body, count(*) over () as total
          from chat_messages m
          join users u on u.id = m.author_id
          join organizations o on o.id = m.author_org_id
          where m.channel_id = ${c.channel_id} and m.id > ${from} and m.id <= ${newest}
            and m.author_id <> ${c.user_id} and m.deleted_at is null
          order by m.id
          limit ${LISTED}`,
    ),
  )
  if (messages.length === 0) return false
  await sendEmail({
    orgId: c.member_org_id,
    to: c.email,
    locale: c.locale ?? c.org_locale,
    template: 'chat-digest',
    props: {
      channelName: c.channel_name,
      messages: messages.map((m) => ({
        author: m.author,
        org: m.org,
        at: new Date(m.at).toISOString(),
        text: m.body.length > 300 ? `${m.body.slice(0, 299)}…` : m.body,
      })),
      more: Number(messages[0].total) - messages.length,
      timeZone: c.time_zone,
      channelUrl: new URL(`/chat/${c.channel_id}`, origin).toString(),
      preferencesUrl: new URL('/account/notifications', origin).toString(),
    },
  })
  return true
}
