import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, Link, useActionData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { Button, buttonClass } from '#app/components/ui/button.tsx'
import { Field, SelectField } from '#app/components/ui/field.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { InvitePartnerSchema, partnerKinds, tiers } from '#app/features/auth/invitation-schemas.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { emailPartnerInvitation } from '#app/features/invitations/email-invitation.server.ts'
import { invitePartner } from '#app/features/invitations/invite-partner.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, forbidden } from '#app/lib/errors.ts'
import { consumeRateLimit } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = () => [{ title: 'Invite a partner · Tandem' }]

async function requireInviter(request: Request) {
  const auth = await requirePermission(request, 'partners:invite')
  // Only manufacturers run a channel; a retailer's staff may not recruit partners of their own.
  if (auth.org.kind !== 'manufacturer') forbidden('Only manufacturers invite partners.')
  return auth
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireInviter(request)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireInviter(request)
  const submission = parseWithZod(await request.formData(), { schema: InvitePartnerSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const wait = await consumeRateLimit('invitation', auth.user.id)
  if (wait) {
    return data(submission.reply({ formErrors: ['auth:invitePartner.rateLimited'] }), {
      status: 429,
      headers: { 'Retry-After': String(wait) },
    })
  }
  let partnershipId: string
  try {
    // Org, partnership, invitation and email commit together, so a failed send leaves no half-made partner.
    partnershipId = await runService(auth, context, async (ctx) => {
      const invited = await invitePartner(ctx, submission.value)
      await emailPartnerInvitation({
        origin: appOrigin(request),
        hostOrgId: auth.org.id,
        locale: auth.org.locale,
        invitation: invited,
        tx: ctx.tx,
      })
      return invited.partnershipId
    })
  } catch (error) {
    if (error instanceof AppError || error instanceof Response) throw error
    context.logger.error({ err: error }, 'partner invitation email failed')
    return data(submission.reply({ formErrors: ['auth:invitePartner.emailFailed'] }), { status: 502 })
  }
  return redirect(`/partners/${partnershipId}?invited=1`)
}

export default function InvitePartnerPage() {
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('auth')
  const { t: tc } = useTranslation()
  const navigation = useNavigation()
  const errors = useFieldErrors()
  const [form, fields] = useForm({
    id: 'invite-partner',
    lastResult,
    defaultValue: { kind: 'retailer', tier: 'standard' },
    constraint: getZodConstraint(InvitePartnerSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitePartnerSchema }),
    shouldRevalidate: 'onBlur',
  })
  const submitting = navigation.state === 'submitting'
  return (
    <>
      <PageHeader title={t('invitePartner.title')} description={t('invitePartner.description')} />
      <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('invitePartner.orgName')}
          inputProps={{
            ...getInputProps(fields.orgName, { type: 'text' }),
            autoComplete: 'off',
            autoFocus: true,
          }}
          errors={errors(fields.orgName.errors)}
        />
        <SelectField
          label={t('invitePartner.kind')}
          selectProps={getSelectProps(fields.kind)}
          options={partnerKinds.map((kind) => ({ value: kind, label: tc(`orgKind.${kind}`) }))}
          errors={errors(fields.kind.errors)}
        />
        <SelectField
          label={t('invitePartner.tier')}
          selectProps={getSelectProps(fields.tier)}
          options={tiers.map((tier) => ({ value: tier, label: t(`invitePartner.tiers.${tier}`) }))}
          errors={errors(fields.tier.errors)}
        />
        <Field
          label={t('invitePartner.email')}
          inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'off' }}
          errors={errors(fields.email.errors)}
        />
        <div className="flex gap-3">
          <Button disabled={submitting}>
            {submitting ? t('invitePartner.submitting') : t('invitePartner.submit')}
          </Button>
          <Link to="/partners" className={buttonClass('secondary')}>
            {t('invitePartner.cancel')}
          </Link>
        </div>
      </Form>
    </>
  )
}
