import type { SubmissionResult } from '@conform-to/react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { ForecastRows } from '#app/components/forecasts/forecast-rows.tsx'
import { ForecastSettingsForm } from '#app/components/forecasts/forecast-settings-form.tsx'
import { RowPicker } from '#app/components/forecasts/row-picker.tsx'
import { SavedSettings } from '#app/components/forecasts/saved-settings.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getForecastSetup } from '#app/features/forecasts/get-forecast-setup.server.ts'
import type { SetupValues } from '#app/features/forecasts/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { readSearch } from '#app/lib/query.ts'
import { forecastSetupAction, type Refusal } from './_app.forecasts.$forecastId_.setup.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecastSetup', data?.forecast.name) },
]

const ROWS_PER_PAGE = 100
const doneNotices = ['created', 'save', 'archive', 'unarchive', 'add', 'addAll', 'remove', 'move'] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const url = new URL(request.url)
  const q = readSearch(url)
  const page = readPage(url, ROWS_PER_PAGE)
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => getForecastSetup(ctx, params.forecastId ?? '', { q, page })),
  )
  return {
    ...view,
    q,
    page: page.page,
    done:
      doneNotices.find(
        (d) => d === (url.searchParams.get('created') ? 'created' : url.searchParams.get('done')),
      ) ?? null,
    count: Number(url.searchParams.get('count') ?? 0),
  }
}

export const action = forecastSetupAction

type ActionData = Partial<
  SubmissionResult<string[]> & {
    current: SetupValues | null
    refusal: Refusal
    reply: SubmissionResult<string[]> | null
  }
>

/** A plan's setup: its settings and rules, its rows, who set it up, and archiving. */
export default function ForecastSetupPage() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('forecastSetup')
  const f = view.forecast
  const otherName = view.side === 'host' ? view.partnerName : view.hostName
  const settingsReply =
    actionData && 'current' in actionData ? (actionData as SubmissionResult<string[]>) : null
  const refusal = actionData?.refusal
  const refusalText = refusal ? t(refusal.key, refusal.values) : null
  const typedReply = actionData?.reply ?? null
  return (
    <>
      <PageHeader
        title={f.name}
        description={t('setup.description', {
          host: view.hostName,
          partner: view.partnerName,
          start: f.startWeek,
          count: f.horizonWeeks,
        })}
        actions={
          <Link to={`/forecasts/${f.id}`} className={buttonClass('secondary')}>
            {t('setup.openGrid')}
          </Link>
        }
      />
      {view.done ? (
        <Notice tone="success">{t(`setup.done.${view.done}`, { count: view.count })}</Notice>
      ) : null}
      {refusalText && !typedReply && !actionData?.current ? (
        <Notice tone="error">{refusalText}</Notice>
      ) : null}
      {f.archived ? <Notice tone="info">{t('setup.archivedNotice')}</Notice> : null}
      {!f.archived && !view.partnershipActive ? (
        <Notice tone="info">{t('setup.partnershipClosed')}</Notice>
      ) : null}
      <p className="mb-6 text-sm text-slate-600">
        {t('setup.createdBy', {
          name: view.createdBy.name ?? t('setup.someone'),
          org: view.createdBy.orgName,
        })}{' '}
        <LocalTime value={f.createdAt} dateOnly />
      </p>
      <section aria-labelledby="settings-title" className="mb-8">
        <h2 id="settings-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('setup.settings')}
        </h2>
        {actionData?.current ? <SavedSettings values={actionData.current} /> : null}
        <ForecastSettingsForm
          key={f.version}
          values={view.values}
          lastResult={settingsReply}
          disabled={!view.can.edit}
        />
      </section>
      <section aria-labelledby="rows-title" className="mb-8">
        <h2 id="rows-title" className="mb-1 text-lg font-semibold text-slate-900">
          {t('rows.title')}
        </h2>
        <p className="mb-3 text-sm text-slate-600">
          {t('rows.help', { count: view.total, max: view.maxRows })}
        </p>
        <ForecastRows rows={view.rows} total={view.total} editable={view.can.edit} otherName={otherName} />
        <Pagination page={view.page} pageSize={ROWS_PER_PAGE} total={view.total} label={t('rows.title')} />
        {view.can.edit ? (
          <RowPicker
            side={view.side}
            choices={view.choices}
            q={view.q}
            missingCatalogue={view.missingCatalogue}
            lastResult={typedReply}
            refusal={typedReply ? (refusalText ?? undefined) : undefined}
          />
        ) : null}
      </section>
      {view.can.archive ? (
        <section aria-labelledby="archive-title">
          <h2 id="archive-title" className="mb-1 text-lg font-semibold text-slate-900">
            {t(f.archived ? 'setup.unarchiveTitle' : 'setup.archiveTitle')}
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            {t(f.archived ? 'setup.unarchiveHelp' : 'setup.archiveHelp')}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value={f.archived ? 'unarchive' : 'archive'} />
            <button type="submit" className={buttonClass('secondary')}>
              {t(f.archived ? 'setup.unarchive' : 'setup.archive')}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  )
}
