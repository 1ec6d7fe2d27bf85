import { NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import type { ChannelSummary } from '#app/features/chat/list-channels.server.ts'

/** The conversation list: newest activity first, unread counts, search. */
export function ChannelList({
  channels,
  unreadCap,
  q,
}: {
  channels: ChannelSummary[]
  unreadCap: number
  q: string
}) {
  const { t } = useTranslation('chat')
  return (
    <nav aria-label={t('list.label')} className="flex flex-col gap-2">
      <SearchBox label={t('list.search')} defaultValue={q} className="flex gap-1" />
      {channels.length === 0 ? (
        <p className="px-2 py-4 text-sm text-slate-500">{q ? t('list.noMatch') : t('list.none')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {channels.map((c) => (
            <li key={c.id}>
              <NavLink
                to={`/chat/${c.id}${q ? `?q=${encodeURIComponent(q)}` : ''}`}
                className={({ isActive }) =>
                  `flex items-start justify-between gap-2 px-3 py-2 text-sm ${isActive ? 'bg-brand-50' : 'hover:bg-slate-50'}`
                }
              >
                <span className="min-w-0">
                  <span
                    className={`block truncate ${c.unread ? 'font-semibold text-slate-900' : 'text-slate-800'}`}
                  >
                    {c.kind === 'internal' ? '# ' : ''}
                    {c.name}
                  </span>
                  <span className="block truncate text-xs text-slate-500">
                    {t(`list.kind.${c.kind}`)}
                    {c.lastMessageAt ? (
                      <>
                        {' · '}
                        <LocalTime value={c.lastMessageAt} />
                      </>
                    ) : null}
                  </span>
                </span>
                {c.unread ? (
                  <span className="rounded-full bg-brand-600 px-2 text-xs font-semibold text-white">
                    <span aria-hidden="true">{c.unread >= unreadCap ? `${unreadCap - 1}+` : c.unread}</span>
                    <span className="sr-only">{t('list.unread', { count: c.unread })}</span>
                  </span>
                ) : null}
              </NavLink>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}
