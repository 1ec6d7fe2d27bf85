import { type SQL, sql } from 'drizzle-orm'
import { eachLimited } from '#app/lib/each-limited.ts'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import type { Tx } from '#db/client.ts'
import { rowsOf } from '#db/rows.ts'
import type { DigestInterval } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import { sendEmail } from '#emails/send.server.ts'
import { appPath } from './app-path.ts'

/**
 * How long the oldest unread notification waits before it is emailed, and the least time between two emails to
 * one person (in one org). "Immediately" is the next sweep (every 2 minutes).
 */
const timing: Record<Exclude<DigestInterval, 'never'>, { wait: string; every: string }> = {
  immediately: { wait: '0 seconds', every: '0 seconds' },
  hourly: { wait: '1 hour', every: '1 hour' },
  daily: { wait: '24 hours', every: '24 hours' },
}

const LISTED = 20

const intervalOf = (column: SQL, pick: 'wait' | 'every') =>
  sql`case ${column} when 'immediately' then interval '${sql.raw(timing.immediately[pick])}'
                     when 'hourly' then interval '${sql.raw(timing.hourly[pick])}'
                     else interval '${sql.raw(timing.daily[pick])}' end`

type Candidate = { user_id: string; org_id: string }
type Claimed = {
  email: string
  locale: string
  timeZone: string
  // jsonb arrives parsed from both drivers, but a string is tolerated.
  items: {
    message_key: string
    values: Record<string, string> | string
    link: string
    created_at: Date | string
  }[]
}

/**
 * Emails people their unread notifications that were not emailed yet, when due by their preference
 * (users.notification_email): at most one email per person and org per interval, listing all pending ones, none
 * for what they have read, none for "never". Each person is claimed under a lock on their user row and their
 * pending rows are marked emailed by one conditional UPDATE … RETURNING, so two sweeps at once send one email.
 */
/** People emailed at once; each is claimed in its own transaction. */
const SENDS_IN_FLIGHT = 4

export async function sendNotificationEmails(options: { origin: string; now?: Date }) {
  const now = (options.now ?? new Date()).toISOString()
  const candidates = await asSystem((tx) =>
    rowsOf<Candidate>(
      tx,
      sql`select n.user_id, n.org_id
          from notifications n
          join users u on u.id = n.user_id
          join memberships m on m.user_id = n.user_id and m.org_id = n.org_id and m.status = 'active'
          where n.emailed_at is null and n.read_at is null and n.created_at <= ${now}::timestamptz
            and u.notification_email <> 'never'
          group by n.user_id, n.org_id, u.notification_email
          having min(n.created_at) <= ${now}::timestamptz - ${intervalOf(sql`u.notification_email`, 'wait')}`,
    ),
  )
  let sent = 0
  await eachLimited(candidates, SENDS_IN_FLIGHT, async (c) => {
    const claimed = await asSystem((tx) => claim(tx, c, now))
    if (!claimed) return
    try {
      await send(c, claimed, options.origin)
      sent++
    } catch (error) {
      // Not sent: hand them back to the next sweep (the job retries too), rather than lose them.
      await asSystem((tx) =>
        tx.execute(sql`update notifications set emailed_at = null
                       where user_id = ${c.user_id} and org_id = ${c.org_id} and emailed_at = ${now}::timestamptz`),
      )
      throw error
    }
  })
  return { candidates: candidates.length, sent }
}

async function claim(tx: Tx, c: Candidate, now: string): Promise<Claimed | null> {
  // One sweep at a time per person: the row lock orders racing sweeps, and the second then sees the first's marks.
  const [person] = await rowsOf<{ email: string; locale: string; time_zone: string; pref: DigestInterval }>(
    tx,
    sql`select u.email, coalesce(u.locale, o.locale) as locale, o.time_zone, u.notification_email as pref
        from users u
        join memberships m on m.user_id = u.id and m.org_id = ${c.org_id} and m.status = 'active'
        join organizations o on o.id = m.org_id
        where u.id = ${c.user_id}
        for no key update of u`,
  )
  if (!person || person.pref === 'never') return null
  const pref = sql`${person.pref}`
  const items = await rowsOf<Claimed['items'][number]>(
    tx,
    sql`update notifications n set emailed_at = ${now}::timestamptz
        where n.user_id = ${c.user_id} and n.org_id = ${c.org_id}
          and n.emailed_at is null and n.read_at is null and n.created_at <= ${now}::timestamptz
          and (select min(p.created_at) from notifications p
               where p.user_id = n.user_id and p.org_id = n.org_id and p.emailed_at is null and p.read_at is null)
              <= ${now}::timestamptz - ${intervalOf(pref, 'wait')}
          and not exists (select 1 from notifications e
               where e.user_id = n.user_id and e.org_id = n.org_id and e.emailed_at is not null
                 and e.emailed_at > ${now}::timestamptz - ${intervalOf(pref, 'every')})
        returning n.message_key, n.values, n.link, n.created_at`,
  )
  if (items.length === 0) return null
  return { email: person.email, locale: person.locale, timeZone: person.time_zone, items }
}

async function send(c: Candidate, claimed: Claimed, origin: string) {
  const t = await getFixedT(claimed.locale, 'notifications')
  const newestFirst = [...claimed.items].sort(
    (a, b) => new Date(b.created_at).getTime() - new Date(a.created_at).getTime(),
  )
  const listed = newestFirst.slice(0, LISTED)
  await sendEmail({
    orgId: c.org_id,
    to: claimed.email,
    locale: claimed.locale,
    template: 'notification-digest',
    props: {
      items: listed.map((n) => ({
        text: String(t(n.message_key, typeof n.values === 'string' ? JSON.parse(n.values) : n.values)),
        at: new Date(n.created_at).toISOString(),
        url: new URL(appPath(n.link), origin).toString(),
      })),
      more: newestFirst.length - listed.length,
      timeZone: claimed.timeZone,
      listUrl: new URL('/notifications', origin).toString(),
      preferencesUrl: new URL('/account/notifications', origin).toString(),
    },
  })
}
