import { getFormProps } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { AccountNav } from '#app/components/account/account-nav.tsx'
import { FormErrors, useFieldErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { ErrorList } from '#app/components/ui/field.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import {
  getNotificationPreference,
  updateNotificationPreference,
} from '#app/features/account/update-notification-preference.server.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { digestIntervals } from '#db/schema/users.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Tandem' }]

const PreferenceSchema = z.object({
  chatDigest: z.enum(digestIntervals, { errorMap: () => ({ message: 'account:notifications.choose' }) }),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  return { chatDigest: await runService(auth, context, (ctx) => getNotificationPreference(ctx)) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request)
  const submission = parseWithZod(await request.formData(), { schema: PreferenceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 422 })
  await runService(auth, context, (ctx) => updateNotificationPreference(ctx, submission.value.chatDigest))
  return submission.reply()
}

/** How often unread chat is emailed: immediately, hourly, daily or never. */
export default function NotificationsPage() {
  const { chatDigest } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('account')
  const errors = useFieldErrors()
  const [form, fields] = useZodForm({
    id: 'notifications',
    schema: PreferenceSchema,
    lastResult,
    defaultValue: { chatDigest },
  })
  const saved = lastResult?.status === 'success'
  return (
    <>
      <PageHeader title={t('title')} />
      <AccountNav />
      {saved ? <Notice tone="success">{t('notifications.saved')}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="max-w-xl">
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.chatDigest.errorId}>
          <legend className="text-lg font-semibold text-slate-900">{t('notifications.title')}</legend>
          <p className="mb-3 text-sm text-slate-600">{t('notifications.description')}</p>
          {digestIntervals.map((value) => (
            <label key={value} className="mb-2 flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={fields.chatDigest.name}
                value={value}
                defaultChecked={chatDigest === value}
                className="mt-1"
              />
              <span>
                <span className="font-medium text-slate-900">{t(`notifications.${value}.label`)}</span>
                <span className="block text-slate-600">{t(`notifications.${value}.hint`)}</span>
              </span>
            </label>
          ))}
          <ErrorList id={fields.chatDigest.errorId} errors={errors(fields.chatDigest.errors)} />
        </fieldset>
        <SubmitButton
          label={t('notifications.save')}
          submittingLabel={t('notifications.saving')}
          className="mt-2"
        />
      </Form>
    </>
  )
}
