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
import { Field } from '#app/components/ui/field.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { AcceptExistingUserSchema, AcceptNewUserSchema } from '#app/features/auth/invitation-schemas.ts'
import { sessionCookie } from '#app/features/auth/session.server.ts'
import { acceptInvitation, findInvitation } from '#app/features/invitations/accept-invitation.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { consumeRateLimit, keepRetryAfter, tooManyRequests } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'acceptInvitation') }]

export const headers = keepRetryAfter

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''
const schemaFor = (existingUser: boolean) => (existingUser ? AcceptExistingUserSchema : AcceptNewUserSchema)

// Public: the token is the credential. A signed-in visitor may accept too; the new session replaces theirs.
export async function loader({ request }: LoaderFunctionArgs) {
  const found = await findInvitation(tokenOf(request))
  if (found.state !== 'valid') return { problem: found.state, invitation: null }
  const { orgName, email, role, existingUser } = found
  return { problem: null, invitation: { orgName, email, role, existingUser } }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = tokenOf(request)
  const found = await findInvitation(token)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, {
    schema: schemaFor(found.state === 'valid' && found.existingUser),
  })
  const hide = { hideFields: ['password', 'confirm'] }
  if (found.state !== 'valid') {
    return data(submission.reply({ ...hide, formErrors: [`auth:accept.problem.${found.state}`] }), {
      status: 410,
    })
  }
  if (submission.status !== 'success') return data(submission.reply(hide), { status: 400 })
  const wait = await consumeRateLimit('invitationAccept', context.ip ?? 'unknown')
  if (wait) {
    return tooManyRequests(submission.reply({ ...hide, formErrors: ['auth:accept.rateLimited'] }), wait)
  }
  const value = submission.value
  const result = await acceptInvitation(
    { token, password: value.password, name: 'name' in value ? value.name : undefined },
    { ip: context.ip, userAgent: request.headers.get('user-agent'), requestId: context.requestId },
  )
  if (result.state === 'wrongPassword') {
    return data(submission.reply({ ...hide, fieldErrors: { password: ['auth:accept.wrongPassword'] } }), {
      status: 400,
    })
  }
  if (result.state !== 'accepted') {
    return data(submission.reply({ ...hide, formErrors: [`auth:accept.problem.${result.state}`] }), {
      status: 410,
    })
  }
  const { token: sessionToken, session } = result.session
  return redirect('/dashboard', {
    headers: { 'Set-Cookie': sessionCookie(sessionToken, session.expiresAt) },
  })
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation('auth')
  const { problem, invitation } = useLoaderData<typeof loader>()
  if (!invitation) {
    return (
      <AuthLayout title={t('accept.problemTitle')}>
        <Notice tone="error">{t(`accept.problem.${problem}`)}</Notice>
        <Link to="/login" className={buttonClass('primary', 'w-full')}>
          {t('accept.signIn')}
        </Link>
      </AuthLayout>
    )
  }
  return <AcceptForm invitation={invitation} />
}

type Invitation = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['invitation']>

function AcceptForm({ invitation }: { invitation: Invitation }) {
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation()
  const lastResult = useActionData<typeof action>()
  const [form, fields] = useZodForm({
    id: 'accept-invitation',
    schema: schemaFor(invitation.existingUser),
    lastResult,
  })
  const { orgName, email, role, existingUser } = invitation
  return (
    <AuthLayout
      title={t('accept.title', { orgName })}
      footer={
        existingUser ? (
          <Link to="/forgot-password" className="text-brand-700 underline">
            {t('accept.forgot')}
          </Link>
        ) : null
      }
    >
      <p className="mb-2 text-sm text-slate-700">
        {t('accept.intro', { email, orgName, role: tc(`role.${role}`) })}
      </p>
      <p className="mb-4 text-sm text-slate-600">
        {existingUser ? t('accept.existingAccount') : t('accept.newAccount')}
      </p>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('accept.email')}
          inputProps={{ type: 'email', value: email, readOnly: true, autoComplete: 'username' }}
        />
        {existingUser ? null : (
          <FormField label={t('accept.name')} field={fields.name} type="text" autoComplete="name" autoFocus />
        )}
        <FormField
          label={existingUser ? t('accept.currentPassword') : t('accept.password')}
          field={fields.password}
          type="password"
          autoComplete={existingUser ? 'current-password' : 'new-password'}
          autoFocus={existingUser}
        />
        {existingUser ? null : (
          <FormField
            label={t('accept.confirm')}
            field={fields.confirm}
            type="password"
            autoComplete="new-password"
          />
        )}
        <SubmitButton
          className="w-full"
          label={t('accept.submit')}
          submittingLabel={t('accept.submitting')}
        />
      </Form>
    </AuthLayout>
  )
}
