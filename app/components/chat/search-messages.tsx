import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import type { ChannelMember, MessageDTO } from '#app/features/chat/message-types.ts'
import { fetchMessages } from './chat-api.ts'
import { MessageBody } from './message-body.tsx'

/** Searches this channel's history (newest matches first) without leaving the conversation. */
export function SearchMessages({ channelId, members }: { channelId: string; members: ChannelMember[] }) {
  const { t } = useTranslation('chat')
  const [q, setQ] = useState('')
  const [results, setResults] = useState<MessageDTO[] | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <div className="relative">
      <form
        className="flex gap-1"
        onSubmit={async (e) => {
          e.preventDefault()
          if (!q.trim()) return setResults(null)
          setBusy(true)
          try {
            setResults((await fetchMessages(channelId, { q: q.trim(), limit: 50 })).reverse())
          } finally {
            setBusy(false)
          }
        }}
      >
        <label htmlFor={`search-${channelId}`} className="sr-only">
          {t('search.label')}
        </label>
        <input
          id={`search-${channelId}`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('search.placeholder')}
          className="w-40 rounded border border-slate-300 px-2 py-1 text-xs"
        />
        <button type="submit" className="rounded border border-slate-300 px-2 text-xs" disabled={busy}>
          {t('search.go')}
        </button>
      </form>
      {results ? (
        <div className="absolute end-0 z-10 mt-1 max-h-80 w-96 overflow-y-auto rounded-md border border-slate-200 bg-white p-2 shadow-lg">
          <div className="mb-1 flex justify-between text-xs text-slate-600">
            <span aria-live="polite">{t('search.count', { count: results.length })}</span>
            <button type="button" className="hover:underline" onClick={() => setResults(null)}>
              {t('search.close')}
            </button>
          </div>
          <ul className="divide-y divide-slate-100">
            {results.map((m) => (
              <li key={m.id} className="py-1 text-xs">
                <span className="font-medium">{m.author.name}</span>{' '}
                <span className="text-slate-500">
                  <LocalTime value={m.createdAt} />
                </span>
                <p className="text-slate-800">
                  <MessageBody body={m.body} mentions={m.mentions} members={members} />
                </p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}
