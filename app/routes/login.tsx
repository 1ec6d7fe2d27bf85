import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthLayout } from '#app/components/auth-layout.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { requireAnonymous } from '#app/features/auth/require.server.ts'
import { safeRedirect } from '#app/features/auth/safe-redirect.server.ts'
import { LoginSchema } from '#app/features/auth/schemas.ts'
import { sessionCookie } from '#app/features/auth/session.server.ts'
import { signIn } from '#app/features/auth/sign-in.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import {
  consumeRateLimit,
  keepRetryAfter,
  rateLimitWait,
  resetRateLimit,
  tooManyRequests,
} from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'signIn') }]

export const headers = keepRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const { email, password, redirectTo } = submission.value
  const ip = context.ip ?? 'unknown'
  // Per address, per address and account, then the account's failures from anywhere (checked, counted below).
  const wait =
    (await consumeRateLimit('signInAddress', ip)) ??
    (await consumeRateLimit('signIn', `${ip}|${email}`)) ??
    (await rateLimitWait('signInAccount', email))
  if (wait) {
    return tooManyRequests(
      submission.reply({ formErrors: ['auth:login.rateLimited'], hideFields: ['password'] }),
      wait,
    )
  }
  const result = await signIn(
    { email, password },
    { ip: context.ip, userAgent: request.headers.get('user-agent'), requestId: context.requestId },
  )
  if (!result) {
    await consumeRateLimit('signInAccount', email)
    return data(submission.reply({ formErrors: ['auth:login.invalid'], hideFields: ['password'] }), {
      status: 400,
    })
  }
  await resetRateLimit('signIn', `${ip}|${email}`)
  return redirect(safeRedirect(redirectTo), {
    headers: {
      'Set-Cookie': sessionCookie(result.token, result.session.expiresAt),
    },
  })
}

export default function LoginPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useZodForm({ id: 'login', schema: LoginSchema, lastResult })
  return (
    <AuthLayout
      title={t('login.title')}
      footer={
        <Link to="/forgot-password" className="text-brand-700 underline">
          {t('login.forgot')}
        </Link>
      }
    >
      {searchParams.get('reset') === '1' ? <Notice tone="success">{t('login.resetDone')}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <FormField
          label={t('login.email')}
          field={fields.email}
          type="email"
          autoComplete="email"
          autoFocus
        />
        <FormField
          label={t('login.password')}
          field={fields.password}
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton className="w-full" label={t('login.submit')} submittingLabel={t('login.submitting')} />
      </Form>
    </AuthLayout>
  )
}
