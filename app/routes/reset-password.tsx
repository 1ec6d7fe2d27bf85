import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { checkPasswordResetToken, resetPassword } from '#app/features/auth/reset-password.server.ts'
import { NewPasswordSchema } from '#app/features/auth/schemas.ts'
import { clearSessionCookie } from '#app/features/auth/session.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'resetPassword') }]

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''

// Public: the token in the link is the credential. It stays in the URL, so the form posts back to it.
export async function loader({ request }: LoaderFunctionArgs) {
  return { problem: await checkPasswordResetToken(tokenOf(request)) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: NewPasswordSchema })
  const hide = { hideFields: ['password', 'confirm'] }
  if (submission.status !== 'success') return data(submission.reply(hide), { status: 400 })
  const result = await resetPassword(
    { token: tokenOf(request), password: submission.value.password },
    { ip: context.ip, requestId: context.requestId },
  )
  if (result.state !== 'reset') {
    return data(submission.reply({ ...hide, formErrors: [`auth:reset.problem.${result.state}`] }), {
      status: 410,
    })
  }
  // Every session of this user has ended, this browser's included.
  return redirect('/login?reset=1', {
    headers: { 'Set-Cookie': clearSessionCookie() },
  })
}

export default function ResetPasswordPage() {
  const { t } = useTranslation('auth')
  const { problem } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm({ id: 'reset-password', schema: NewPasswordSchema, lastResult })
  const footer = (
    <Link to="/login" className="text-brand-700 underline">
      {t('reset.back')}
    </Link>
  )
  if (problem) {
    return (
      <AuthLayout title={t('reset.title')} footer={footer}>
        <Notice tone="error">{t(`reset.problem.${problem}`)}</Notice>
        <Link to="/forgot-password" className={buttonClass('primary', 'w-full')}>
          {t('reset.requestNew')}
        </Link>
      </AuthLayout>
    )
  }
  return (
    <AuthLayout title={t('reset.title')} footer={footer}>
      <p className="mb-4 text-sm text-slate-600">{t('reset.intro')}</p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormField
          label={t('reset.password')}
          field={fields.password}
          type="password"
          autoComplete="new-password"
          autoFocus
        />
        <FormField
          label={t('reset.confirm')}
          field={fields.confirm}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton className="w-full" label={t('reset.submit')} submittingLabel={t('reset.submitting')} />
      </Form>
    </AuthLayout>
  )
}
