import { useTranslation } from 'react-i18next'
import type { ChannelMember } from '#app/features/chat/message-types.ts'

export type PresenceState = 'online' | 'away' | 'offline'

const dot: Record<PresenceState, string> = {
  online: 'bg-emerald-500',
  away: 'bg-amber-400',
  offline: 'bg-slate-300',
}

/** Who else is here now: online and away members (offline ones are left out to keep the header short). */
export function PresenceList({
  members,
  presence,
  me,
}: {
  members: ChannelMember[]
  presence: Record<string, PresenceState>
  me: string
}) {
  const { t } = useTranslation('chat')
  const here = members.filter((m) => m.id !== me && (presence[m.id] ?? 'offline') !== 'offline')
  return (
    <ul className="flex flex-wrap items-center gap-2 text-xs text-slate-600" aria-label={t('presence.label')}>
      {here.length === 0 ? <li>{t('presence.nobody')}</li> : null}
      {here.map((m) => {
        const state = presence[m.id] ?? 'offline'
        return (
          <li key={m.id} className="flex items-center gap-1" data-presence={state}>
            <span className={`inline-block h-2 w-2 rounded-full ${dot[state]}`} aria-hidden="true" />
            {m.name} <span className="sr-only">{t(`presence.${state}`)}</span>
          </li>
        )
      })}
    </ul>
  )
}
