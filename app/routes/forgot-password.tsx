import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { ForgotPasswordSchema } from '#app/features/auth/invitation-schemas.ts'
import { requestPasswordReset } from '#app/features/auth/request-password-reset.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { resolveLocale } from '#app/lib/i18n/i18n.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { consumeRateLimit, keepRetryAfter, tooManyRequests } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'forgotPassword') }]

export const headers = keepRetryAfter

// Public on purpose: a signed-in user may also have forgotten the password they would need elsewhere.
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema })
  if (submission.status !== 'success')
    return data({ result: submission.reply(), sentTo: null }, { status: 400 })
  const { email } = submission.value
  const wait = await consumeRateLimit('passwordReset', `${context.ip ?? 'unknown'}|${email}`)
  if (wait) {
    return tooManyRequests(
      { result: submission.reply({ formErrors: ['auth:forgot.rateLimited'] }), sentTo: null },
      wait,
    )
  }
  const outcome = await requestPasswordReset({
    email,
    origin: appOrigin(),
    locale: await resolveLocale(request),
  })
  // Logged for operators; the page answers the same whether or not the account exists.
  context.logger.info(
    { sent: outcome.sent, delivered: outcome.sent ? outcome.delivered : null },
    'password reset',
  )
  // Without SMTP the link exists only in the operator's log (never in an org's outbox: see emails/send.server.ts).
  if (outcome.sent && outcome.logText)
    context.logger.warn({ to: email, email: outcome.logText }, 'no SMTP: reset email')
  return data({ result: submission.reply({ resetForm: true }), sentTo: email })
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  const actionData = useActionData<typeof action>()
  const [form, fields] = useZodForm({
    id: 'forgot-password',
    schema: ForgotPasswordSchema,
    lastResult: actionData?.result,
  })
  return (
    <AuthLayout
      title={t('forgot.title')}
      footer={
        <Link to="/login" className="text-brand-700 underline">
          {t('forgot.back')}
        </Link>
      }
    >
      {actionData?.sentTo ? (
        <Notice tone="success">{t('forgot.sent', { email: actionData.sentTo })}</Notice>
      ) : null}
      <p className="mb-4 text-sm text-slate-600">{t('forgot.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormField
          label={t('forgot.email')}
          field={fields.email}
          type="email"
          autoComplete="email"
          autoFocus
        />
        <SubmitButton
          className="w-full"
          label={t('forgot.submit')}
          submittingLabel={t('forgot.submitting')}
        />
      </Form>
    </AuthLayout>
  )
}
