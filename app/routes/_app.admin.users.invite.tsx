import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { InviteColleagueSchema } from '#app/features/auth/invitation-schemas.ts'
import { assignableRoles } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { inviteColleague } from '#app/features/invitations/create-invitation.server.ts'
import { emailColleagueInvitation } from '#app/features/invitations/email-invitation.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { consumeRateLimit } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Invite a colleague · Tandem' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'users:invite')
  return { roles: assignableRoles(auth.role) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'users:invite')
  const submission = parseWithZod(await request.formData(), { schema: InviteColleagueSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const wait = await consumeRateLimit('invitation', auth.user.id)
  if (wait) {
    return data(submission.reply({ formErrors: ['auth:inviteColleague.rateLimited'] }), {
      status: 429,
      headers: { 'Retry-After': String(wait) },
    })
  }
  try {
    // Invitation and email in one transaction: if the email cannot go out, no dead invitation is left behind.
    await runService(auth, context, async (ctx) => {
      const invitation = await inviteColleague(ctx, submission.value)
      await emailColleagueInvitation({
        origin: appOrigin(request),
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
  const navigation = useNavigation()
  const errors = useFieldErrors()
  const [form, fields] = useForm({
    id: 'invite-colleague',
    lastResult,
    defaultValue: { role: 'member' },
    constraint: getZodConstraint(InviteColleagueSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteColleagueSchema }),
    shouldRevalidate: 'onBlur',
  })
  const submitting = navigation.state === 'submitting'
  return (
    <>
      <PageHeader title={t('inviteColleague.title')} description={t('inviteColleague.description')} />
      <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('inviteColleague.email')}
          inputProps={{
            ...getInputProps(fields.email, { type: 'email' }),
            autoComplete: 'off',
            autoFocus: true,
          }}
          errors={errors(fields.email.errors)}
        />
        <SelectField
          label={t('inviteColleague.role')}
          selectProps={getSelectProps(fields.role)}
          options={roles.map((role) => ({ value: role, label: tc(`role.${role}`) }))}
          errors={errors(fields.role.errors)}
        />
        <div className="flex gap-3">
          <Button disabled={submitting}>
            {submitting ? t('inviteColleague.submitting') : t('inviteColleague.submit')}
          </Button>
          <Link to="/admin/users" className={buttonClass('secondary')}>
            {t('inviteColleague.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
