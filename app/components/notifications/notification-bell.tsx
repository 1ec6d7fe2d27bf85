import { Link } from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useUserEvent } from '#app/lib/realtime/use-channel.ts'

/**
 * The shell's bell: the unread count from the layout's loader, plus pushes of new ones for the signed-in org
 * (notifications are per org, and the person's room hears every org's). A fresh loader count replaces what was
 * counted from pushes.
 */
export function NotificationBell({ unread, orgId }: { unread: number; orgId: string }) {
  const { t } = useTranslation('notifications')
  // Pushes counted since the loader last said `unread`; a new loader count starts the tally again.
  const [tally, setTally] = useState({ base: unread, pushed: 0 })
  const pushed = tally.base === unread ? tally.pushed : 0
  useUserEvent('notification:new', (payload) => {
    if ((payload as { orgId?: string } | null)?.orgId !== orgId) return
    setTally((prev) => ({ base: unread, pushed: (prev.base === unread ? prev.pushed : 0) + 1 }))
  })
  const count = unread + pushed
  return (
    <Link
      to="/notifications"
      className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100"
      aria-label={count > 0 ? t('bell.unread', { count }) : t('bell.label')}
      title={t('bell.label')}
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor">
        <path
          strokeWidth="1.75"
          strokeLinecap="round"
          strokeLinejoin="round"
          d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0m6 0H9"
        />
      </svg>
      {count > 0 ? (
        <span
          aria-hidden="true"
          data-testid="notification-count"
          className="absolute -end-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold leading-5 text-white"
        >
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  )
}
