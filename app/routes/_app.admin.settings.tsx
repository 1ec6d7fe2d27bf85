import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrgSettingsForm } from '#app/components/admin/org-settings-form.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions, OrgSettingsSchema, timeZoneOptions } from '#app/features/admin/schemas.ts'
import { getOrgSettings, updateOrgSettings } from '#app/features/admin/update-org-settings.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'orgSettings') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'org:settings')
  const settings = await runService(auth, context, getOrgSettings)
  // Option lists come from the server's ICU, so the select matches what the action accepts.
  return { settings, timeZones: timeZoneOptions(), currencies: currencyOptions() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'org:settings')
  const submission = parseWithZod(await readForm(request), { schema: OrgSettingsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => updateOrgSettings(ctx, submission.value)),
  )
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.error.message] }), { status: result.error.status })
  }
  return redirect('/admin/settings?saved=1')
}

export default function OrgSettingsPage() {
  const { settings, timeZones, currencies } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const { t } = useTranslation('admin')
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      {searchParams.get('saved') === '1' && !lastResult ? (
        <Notice tone="success">{t('settings.saved')}</Notice>
      ) : null}
      <OrgSettingsForm
        key={settings.updatedAt}
        settings={settings}
        timeZones={timeZones}
        currencies={currencies}
        lastResult={lastResult}
      />
    </>
  )
}
