import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { Badge } from '#app/components/ui/badge.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { describeUserAgent } from '#app/features/account/user-agent.ts'

type Session = { id: string; createdAt: Date; lastSeenAt: Date; ip: string | null; userAgent: string | null }

function DeviceName({ userAgent }: { userAgent: string | null }) {
  const { t } = useTranslation('account')
  const { browser, os } = describeUserAgent(userAgent)
  if (browser && os) return <>{t('sessions.browserOnOs', { browser, os })}</>
  return <>{browser ?? os ?? t('sessions.unknownDevice')}</>
}

export function SessionsList({
  sessions,
  currentId,
  timeZone,
}: {
  sessions: Session[]
  currentId: string
  timeZone: string
}) {
  const { t } = useTranslation('account')
  const navigation = useNavigation()
  const pendingId = navigation.state === 'submitting' ? navigation.formData?.get('sessionId') : null
  return (
    <ul className="divide-y divide-slate-100 rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      {sessions.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center gap-4 p-4">
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-medium text-slate-900">
              <DeviceName userAgent={s.userAgent} />{' '}
              {s.id === currentId ? <Badge tone="green">{t('sessions.thisDevice')}</Badge> : null}
            </p>
            <p className="text-slate-600">
              {t('sessions.lastSeen')} <LocalTime value={s.lastSeenAt} timeZone={timeZone} /> ·{' '}
              {t('sessions.signedIn')} <LocalTime value={s.createdAt} timeZone={timeZone} />
              {s.ip ? (
                <>
                  {' '}
                  · {t('sessions.ip')} <span dir="ltr">{s.ip}</span>
                </>
              ) : null}
            </p>
            {s.userAgent ? (
              <p className="truncate text-xs text-slate-500" title={s.userAgent}>
                {s.userAgent}
              </p>
            ) : null}
          </div>
          {s.id === currentId ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="sessionId" value={s.id} />
              <Button variant="secondary" disabled={pendingId === s.id}>
                {t('sessions.revoke')}
              </Button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  )
}
