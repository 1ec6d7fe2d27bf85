import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { RecordThread } from '#app/components/chat/record-thread.tsx'
import {
  ExceptionStatus,
  ExceptionVariance,
  useComparedLabels,
} from '#app/components/forecasts/exception-figures.tsx'
import { ExceptionForms } from '#app/components/forecasts/exception-forms.tsx'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { formatUnits } from '#app/components/forecasts/format.ts'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import type { ExceptionReply } from '#app/features/forecasts/exception-schemas.ts'
import { getException } from '#app/features/forecasts/get-exception.server.ts'
import { useForecastReloads } from '#app/features/forecasts/use-forecast-live.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { exceptionAction } from './_app.forecasts.$forecastId_.exceptions_.$forecastExceptionId.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: pageTitle(
      matches,
      'forecastException',
      data && `${data.exception.sku} ${data.exception.weekStart}`,
    ),
  },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  return orRespond(() =>
    runService(auth, context, (ctx) =>
      getException(ctx, params.forecastId ?? '', params.forecastExceptionId ?? ''),
    ),
  )
}

export const action = exceptionAction

/** One exception: the cell's figures, who owns it, every step with who and what they said, and its thread. */
export default function ForecastExceptionPage() {
  const view = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as ExceptionReply | undefined
  const [search] = useSearchParams()
  const { t, i18n } = useTranslation('forecastExceptions')
  const { forecast, exception: e } = view
  useForecastReloads(forecast.id)
  const [leftLabel, rightLabel] = useComparedLabels(e.rule, forecast)
  const done = search.get('done')
  const base = `/forecasts/${forecast.id}/exceptions/${e.id}`
  return (
    <>
      <PageHeader
        title={`${e.sku} · ${e.weekStart}`}
        description={`${forecast.name} · ${e.productName} · ${t(`rule.${e.rule}`)}`}
      />
      <ForecastTabs forecastId={forecast.id} />
      <p className="mb-4 text-sm">
        <Link to={`/forecasts/${forecast.id}/exceptions`} className="text-brand-700 hover:underline">
          {t('detail.back')}
        </Link>
      </p>
      {done && ['owner', 'explain', 'resolve', 'reopen'].includes(done) ? (
        <Notice tone="success">{t(`done.${done}`)}</Notice>
      ) : null}
      <dl className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {(
          [
            [leftLabel, formatUnits(e.left, i18n.language)],
            [rightLabel, formatUnits(e.right, i18n.language)],
            [t('list.variance'), <ExceptionVariance key="v" units={e.varianceUnits} bp={e.varianceBp} />],
            [t('list.owner'), e.ownerName ?? t('owner.nobody')],
            [t('list.status'), <ExceptionStatus key="s" status={e.status} breaking={e.breaking} />],
          ] as const
        ).map(([label, value]) => (
          <div key={String(label)} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mb-2 text-sm text-slate-600">{t(`ruleHelp.${e.rule}`)}</p>
      {e.note ? <p className="mb-2 whitespace-pre-wrap text-sm text-slate-800">{e.note}</p> : null}
      {e.status === 'resolved' && e.resolvedAt ? (
        <p className="text-sm text-slate-600">
          {t('detail.resolvedBy', { name: e.resolvedByName ?? '—' })} <LocalTime value={e.resolvedAt} />
        </p>
      ) : null}
      {view.canAct ? (
        <ExceptionForms exception={e} version={e.version} candidates={view.candidates} reply={reply} />
      ) : (
        <p className="mt-6 text-sm text-slate-600">{t('detail.readOnly')}</p>
      )}
      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('detail.history')}
        </h2>
        <ol className="space-y-2 text-sm">
          {view.events.map((ev) => (
            <li key={ev.id} className="rounded-md bg-white p-2 ring-1 ring-slate-200">
              <LocalTime value={ev.at} /> · {ev.actorName ?? t('detail.system')}
              {ev.actorOrgName ? ` (${ev.actorOrgName})` : ''} ·{' '}
              <span className="font-medium">{t(`event.${ev.action}`, { defaultValue: ev.action })}</span>
              {ev.fromStatus && ev.toStatus && ev.fromStatus !== ev.toStatus
                ? ` · ${t(`status.${ev.fromStatus}`)} → ${t(`status.${ev.toStatus}`)}`
                : ''}
              {ev.note ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{ev.note}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      {view.canDiscuss ? <RecordThread channelId={view.threadId} openAction={`${base}/thread`} /> : null}
    </>
  )
}
