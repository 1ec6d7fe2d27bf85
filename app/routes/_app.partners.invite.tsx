import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { FormField, FormSelectField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { InvitePartnerSchema, partnerKinds, tiers } from '#app/features/auth/invitation-schemas.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { emailPartnerInvitation } from '#app/features/invitations/email-invitation.server.ts'
import { invitePartner } from '#app/features/invitations/invite-partner.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, forbidden } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { consumeRateLimit, keepRetryAfter, tooManyRequests } from '#app/lib/rate-limit.server.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'invitePartner') }]

export const headers = keepRetryAfter

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
  const submission = parseWithZod(await readForm(request), { schema: InvitePartnerSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const wait = await consumeRateLimit('invitation', auth.user.id)
  if (wait) {
    return tooManyRequests(submission.reply({ formErrors: ['auth:invitePartner.rateLimited'] }), wait)
  }
  let partnershipId: string
  try {
    // Org, partnership, invitation and email commit together, so a failed send leaves no half-made partner.
    partnershipId = await runService(auth, context, async (ctx) => {
      const invited = await invitePartner(ctx, submission.value)
      await emailPartnerInvitation({
        origin: appOrigin(),
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
  const [form, fields] = useZodForm({
    id: 'invite-partner',
    schema: InvitePartnerSchema,
    lastResult,
    defaultValue: { kind: 'retailer', tier: 'standard' },
  })
  return (
    <>
      <PageHeader title={t('invitePartner.title')} description={t('invitePartner.description')} />
      <Form method="post" {...getFormProps(form)} className="max-w-lg space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <FormField
          label={t('invitePartner.orgName')}
          field={fields.orgName}
          type="text"
          autoComplete="off"
          autoFocus
        />
        <FormSelectField
          label={t('invitePartner.kind')}
          field={fields.kind}
          options={partnerKinds.map((kind) => ({ value: kind, label: tc(`orgKind.${kind}`) }))}
        />
        <FormSelectField
          label={t('invitePartner.tier')}
          field={fields.tier}
          options={tiers.map((tier) => ({ value: tier, label: t(`invitePartner.tiers.${tier}`) }))}
        />
        <FormField label={t('invitePartner.email')} field={fields.email} type="email" autoComplete="off" />
        <FormActions
          label={t('invitePartner.submit')}
          submittingLabel={t('invitePartner.submitting')}
          cancelTo="/partners"
          cancelLabel={t('invitePartner.cancel')}
        />
      </Form>
    </>
  )
}
