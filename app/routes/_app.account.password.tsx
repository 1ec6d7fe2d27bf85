import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AccountNav } from '#app/components/account/account-nav.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { changePassword } from '#app/features/account/change-password.server.ts'
import { ChangePasswordSchema } from '#app/features/account/schemas.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { invalidateUserSessions } from '#app/features/auth/session.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { consumeRateLimit, keepRetryAfter, tooManyRequests } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'changePassword') }]

export const headers = keepRetryAfter

const hideFields = ['currentPassword', 'newPassword', 'confirm']

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: ChangePasswordSchema })
  if (submission.status !== 'success') return data(submission.reply({ hideFields }), { status: 400 })
  // Guessing the current password from a stolen session is a sign-in attack too: same budget per account.
  const wait = await consumeRateLimit('signIn', `password-change|${auth.user.id}`)
  if (wait) {
    return tooManyRequests(submission.reply({ formErrors: ['auth:login.rateLimited'], hideFields }), wait)
  }
  const { currentPassword, newPassword } = submission.value
  const changed = await runService(auth, context, (ctx) =>
    changePassword(ctx, { currentPassword, newPassword }),
  )
  if (!changed) {
    return data(
      submission.reply({ fieldErrors: { currentPassword: ['account:password.wrongCurrent'] }, hideFields }),
      { status: 400 },
    )
  }
  // After the commit: anyone else holding a session (perhaps the reason for the change) is signed out.
  await invalidateUserSessions(auth.user.id, { except: auth.session.id })
  return submission.reply({ resetForm: true })
}

export default function PasswordPage() {
  const { t } = useTranslation('account')
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm({ id: 'change-password', schema: ChangePasswordSchema, lastResult })
  const saved = lastResult !== undefined && 'initialValue' in lastResult && lastResult.initialValue === null
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav />
      <h2 className="mb-1 text-lg font-semibold text-slate-900">{t('password.title')}</h2>
      <p className="mb-4 text-sm text-slate-600">{t('password.description')}</p>
      {saved ? <Notice tone="success">{t('password.changed')}</Notice> : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="max-w-md space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormField
          label={t('password.current')}
          field={fields.currentPassword}
          type="password"
          autoComplete="current-password"
        />
        <FormField
          label={t('password.new')}
          hint={t('password.newHint')}
          field={fields.newPassword}
          type="password"
          autoComplete="new-password"
        />
        <FormField
          label={t('password.confirm')}
          field={fields.confirm}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton label={t('password.submit')} submittingLabel={t('password.submitting')} />
      </Form>
    </>
  )
}
