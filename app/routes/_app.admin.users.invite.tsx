import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { InviteColleagueSchema } from '#app/features/auth/invitation-schemas.ts'
import { assignableRoles } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { inviteColleague } from '#app/features/invitations/create-invitation.server.ts'
import { emailColleagueInvitation } from '#app/features/invitations/email-invitation.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { consumeRateLimit, keepRetryAfter, tooManyRequests } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'inviteColleague') }]

export const headers = keepRetryAfter

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'users:invite')
  return { roles: assignableRoles(auth.role) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'users:invite')
  const submission = parseWithZod(await readForm(request), { schema: InviteColleagueSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const wait = await consumeRateLimit('invitation', auth.user.id)
  if (wait) {
    return tooManyRequests(submission.reply({ formErrors: ['auth:inviteColleague.rateLimited'] }), wait)
  }
  try {
    // Invitation and email in one transaction: if the email cannot go out, no dead invitation is left behind.
    await runService(auth, context, async (ctx) => {
      const invitation = await inviteColleague(ctx, submission.value)
      await emailColleagueInvitation({
        origin: appOrigin(),
        orgId: auth.org.id,
        orgName: auth.org.name,
        locale: auth.org.locale,
        inviterName: auth.user.name,
        invitation,
        tx: ctx.tx,
      })
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') {
      return data(submission.reply({ fieldErrors: { email: ['auth:inviteColleague.alreadyMember'] } }), {
        status: 409,
      })
    }
    if (error instanceof AppError && error.code === 'forbidden') {
      return data(submission.reply({ fieldErrors: { role: ['auth:inviteColleague.roleNotAllowed'] } }), {
        status: 403,
      })
    }
    if (error instanceof AppError || error instanceof Response) throw error
    context.logger.error({ err: error }, 'invitation email failed')
    return data(submission.reply({ formErrors: ['auth:inviteColleague.emailFailed'] }), { status: 502 })
  }
  return redirect('/admin/users?invited=1')
}

export default function InviteColleaguePage() {
  const { roles } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation()
  const [form, fields] = useZodForm({
    id: 'invite-colleague',
    schema: InviteColleagueSchema,
    lastResult,
    defaultValue: { role: 'member' },
  })
  return (
    <>
      <PageHeader title={t('inviteColleague.title')} description={t('inviteColleague.description')} />
      <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormField
          label={t('inviteColleague.email')}
          field={fields.email}
          type="email"
          autoComplete="off"
          autoFocus
        />
        <FormSelectField
          label={t('inviteColleague.role')}
          field={fields.role}
          options={roles.map((role) => ({ value: role, label: tc(`role.${role}`) }))}
        />
        <FormActions
          label={t('inviteColleague.submit')}
          submittingLabel={t('inviteColleague.submitting')}
          cancelTo="/admin/users"
          cancelLabel={t('inviteColleague.cancel')}
        />
      </Form>
    </>
  )
}
