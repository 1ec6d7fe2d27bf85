import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AccountNav } from '#app/components/account/account-nav.tsx'
import { SessionsList } from '#app/components/account/sessions-list.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { listMySessions } from '#app/features/account/list-my-sessions.server.ts'
import { revokeOtherSessions, revokeSession } from '#app/features/account/revoke-session.server.ts'
import { SessionActionSchema } from '#app/features/account/schemas.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'sessions') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const sessions = await runService(auth, context, listMySessions)
  return { sessions, currentId: auth.session.id, timeZone: auth.org.timeZone }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: SessionActionSchema })
  if (submission.status !== 'success') return data({ error: 'account:sessions.notFound' }, { status: 400 })
  const input = submission.value
  if (input.intent === 'revoke-others') {
    const { count } = await runService(auth, context, (ctx) =>
      revokeOtherSessions(ctx, { currentSessionId: auth.session.id }),
    )
    return { notice: 'account:sessions.revokedOthers', count }
  }
  // The session in use ends by signing out, which also clears the cookie.
  if (input.sessionId === auth.session.id)
    return data({ error: 'account:sessions.useSignOut' }, { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => revokeSession(ctx, { sessionId: input.sessionId })),
  )
  if (!result.ok) return data({ error: result.error.message }, { status: result.error.status })
  return { notice: 'account:sessions.revoked', count: 1 }
}

export default function SessionsPage() {
  const { sessions, currentId, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation('account')
  const others = sessions.filter((s) => s.id !== currentId).length
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav />
      <h2 className="mb-1 text-lg font-semibold text-slate-900">{t('sessions.title')}</h2>
      <p className="mb-4 text-sm text-slate-600">{t('sessions.description')}</p>
      {result && 'notice' in result ? (
        <Notice tone="success">{t(result.notice, { count: result.count })}</Notice>
      ) : null}
      {result && 'error' in result ? <Notice tone="error">{t(result.error)}</Notice> : null}
      <SessionsList sessions={sessions} currentId={currentId} timeZone={timeZone} />
      {others > 0 ? (
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="revoke-others" />
          <Button variant="danger" disabled={navigation.state === 'submitting'}>
            {t('sessions.revokeOthers')}
          </Button>
        </Form>
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t('sessions.onlyThis')}</p>
      )}
    </>
  )
}
