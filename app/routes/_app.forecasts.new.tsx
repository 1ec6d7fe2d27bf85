import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewForecastForm } from '#app/components/forecasts/forecast-settings-form.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { createForecast } from '#app/features/forecasts/create-forecast.server.ts'
import { CreateForecastSchema, mondayOf } from '#app/features/forecasts/schemas.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'newForecast') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:write')
  const partners = await runService(auth, context, (ctx) =>
    listPartnerships(ctx, { page: 1, pageSize: 200, status: 'active' }),
  )
  return {
    partners: partners.rows.map((p) => ({ value: p.id, label: p.counterparty.name })),
    // Plans usually start with the coming week.
    startWeek: addDays(mondayOf(todayIn(auth.org.timeZone ?? 'UTC')), 7),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:write')
  const submission = parseWithZod(await readForm(request), { schema: CreateForecastSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => createForecast(ctx, submission.value)),
  )
  if (result.ok) return redirect(`/forecasts/${result.value.id}/setup?created=1`)
  return data(submission.reply({ formErrors: [result.error.message] }), { status: result.error.status })
}

/** A new co-forecast plan on one of the caller's active partnerships; its rows are added on the setup page. */
export default function NewForecast() {
  const { partners, startWeek } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('forecastSetup')
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      {partners.length === 0 ? (
        <EmptyState
          title={t('new.noPartners')}
          body={t('new.noPartnersBody')}
          action={
            <Link to="/partners" className={buttonClass('secondary')}>
              {t('new.partnersLink')}
            </Link>
          }
        />
      ) : (
        <NewForecastForm partners={partners} startWeek={startWeek} lastResult={lastResult} />
      )}
    </>
  )
}
