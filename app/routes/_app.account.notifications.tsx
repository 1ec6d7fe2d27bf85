import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { AccountNav } from '#app/components/account/account-nav.tsx'
import { IntervalFieldset } from '#app/components/account/interval-fieldset.tsx'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import {
  getNotificationPreference,
  updateNotificationPreference,
} from '#app/features/account/update-notification-preference.server.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { digestIntervals } from '#db/schema/users.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'notifications') }]

const interval = z.enum(digestIntervals, { errorMap: () => ({ message: 'account:notifications.choose' }) })
// Either question may be answered alone (a field left out keeps its value); the page sends both.
const PreferenceSchema = z
  .object({ chatDigest: interval.optional(), notificationEmail: interval.optional() })
  .refine((v) => v.chatDigest || v.notificationEmail, {
    message: 'account:notifications.choose',
    path: ['chatDigest'],
  })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  return runService(auth, context, getNotificationPreference)
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const submission = parseWithZod(await readForm(request), { schema: PreferenceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 })
  await runService(auth, context, (ctx) => updateNotificationPreference(ctx, submission.value))
  return submission.reply()
}

/** How often unread chat and unread notifications are emailed: immediately, hourly, daily or never. */
export default function NotificationsPage() {
  const { chatDigest, notificationEmail } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const { t: tn } = useTranslation('notifications')
  const errors = useFieldErrors()
  const [form, fields] = useZodForm({
    id: 'notifications',
    schema: PreferenceSchema,
    lastResult,
    defaultValue: { chatDigest, notificationEmail },
  })
  const saved = lastResult?.status === 'success'
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav />
      {saved ? <Notice tone="success">{t('notifications.saved')}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="max-w-xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <IntervalFieldset
          name={fields.chatDigest.name}
          legend={t('notifications.title')}
          description={t('notifications.description')}
          value={chatDigest}
          choice={(v) => ({ label: t(`notifications.${v}.label`), hint: t(`notifications.${v}.hint`) })}
          errorId={fields.chatDigest.errorId}
          errors={errors(fields.chatDigest.errors)}
        />
        <IntervalFieldset
          name={fields.notificationEmail.name}
          legend={tn('preference.title')}
          description={tn('preference.description')}
          value={notificationEmail}
          choice={(v) => ({ label: tn(`preference.${v}.label`), hint: tn(`preference.${v}.hint`) })}
          errorId={fields.notificationEmail.errorId}
          errors={errors(fields.notificationEmail.errors)}
        />
        <SubmitButton
          label={t('notifications.save')}
          submittingLabel={t('notifications.saving')}
          className="mt-2"
        />
      </Form>
    </>
  )
}
