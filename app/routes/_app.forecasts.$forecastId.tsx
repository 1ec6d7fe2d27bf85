import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useNavigate, useRevalidator } from '@remix-run/react'
import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { ForecastTabs } from '#app/components/forecasts/forecast-tabs.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import type { CellRequest } from '#app/features/forecasts/cell-requests.ts'
import { getForecastGrid } from '#app/features/forecasts/get-forecast-grid.server.ts'
import {
  ForecastGridView,
  type ProposalDecision,
  type SaveBatch,
  type SaveResult,
} from '#app/features/forecasts/grid/forecast-grid-view.tsx'
import { useUpdateFeed } from '#app/features/forecasts/grid/update-feed.ts'
import { useForecastLive } from '#app/features/forecasts/use-forecast-live.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'forecast', data?.grid.forecast.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'forecasts:read')
  const grid = await orRespond(() =>
    runService(auth, context, (ctx) => getForecastGrid(ctx, params.forecastId ?? '')),
  )
  return { grid }
}

type Answer<T> = { ok: boolean; result?: T; error?: string }

/**
 * Posts to the grid's JSON endpoint. 200 is done; 409 with a result is a save some of whose cells someone saved
 * since (the grid shows their figures beside the ones typed); any other refusal (403, 409, 422, 400) becomes an
 * Error whose message is its i18n key, which the grid shows.
 */
async function post<T>(forecastId: string, body: CellRequest): Promise<T> {
  const res = await fetch(`/forecasts/${forecastId}/cells`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  })
  const answer = (await res.json().catch(() => null)) as Answer<T> | null
  if (!answer) throw new Error(res.ok ? 'forecasts:errors.network' : 'forecasts:errors.request')
  if (res.ok && answer.result !== undefined) return answer.result
  if (res.status === 409 && answer.result !== undefined) return answer.result
  throw new Error(answer.error ?? 'forecasts:errors.request')
}

/**
 * The plan's grid: products × weeks with both sides' forecasts and the consensus, edited live by both sides. Saves
 * go to /forecasts/:id/cells without reloading the page (its data is large); figures others save arrive through the
 * plan's socket room, and changes that are not figures reload the page data.
 */
export default function ForecastGridPage() {
  const { grid } = useLoaderData<typeof loader>()
  const { t } = useTranslation('forecasts')
  const navigate = useNavigate()
  const { revalidate } = useRevalidator()
  const id = grid.forecast.id
  const feed = useUpdateFeed()
  useForecastLive(id, feed.push)

  const onSave = useCallback(
    (batch: SaveBatch) => post<SaveResult>(id, { intent: 'save', line: batch.line, cells: batch.cells }),
    [id],
  )
  const decide = useCallback(
    (intent: 'accept' | 'reject') => (cells: ProposalDecision[]) => post<SaveResult>(id, { intent, cells }),
    [id],
  )
  const afterwards = useCallback(
    async (request: Promise<unknown>) => {
      await request
      revalidate()
    },
    [revalidate],
  )
  const side = grid.side === 'host' ? grid.forecast.hostOrgName : grid.forecast.partnerOrgName
  const other = grid.side === 'host' ? grid.forecast.partnerOrgName : grid.forecast.hostOrgName

  return (
    <>
      <PageHeader
        title={grid.forecast.name}
        description={t('page.description', {
          side,
          other,
          weeks: grid.forecast.horizonWeeks,
          start: grid.forecast.startWeek,
          unit: t(`forecastSetup:unit.${grid.forecast.unit}`).toLowerCase(),
        })}
        actions={
          <>
            <a href={`/forecasts/${id}/export.csv`} className={buttonClass('secondary')} download>
              {t('page.exportCsv')}
            </a>
            <a href={`/forecasts/${id}/export.xlsx`} className={buttonClass('secondary')} download>
              {t('page.exportXlsx')}
            </a>
            {grid.canEdit ? (
              <Link to={`/forecasts/${id}/import`} className={buttonClass('secondary')}>
                {t('page.import')}
              </Link>
            ) : null}
          </>
        }
      />
      <ForecastTabs forecastId={id} />
      {grid.products.length === 0 ? (
        <Notice tone="info">
          {t('page.noRows')}{' '}
          <Link to={`/forecasts/${id}/setup`} className="font-medium underline">
            {t('page.addRows')}
          </Link>
        </Notice>
      ) : (
        <>
          {grid.canEdit ? null : <Notice tone="info">{t('page.readOnly')}</Notice>}
          <ForecastGridView
            grid={grid}
            onSave={onSave}
            onAccept={decide('accept')}
            onReject={decide('reject')}
            onApplyLift={(promotionId) => afterwards(post(id, { intent: 'lift', promotionId }))}
            onUndoAdjustment={(adjustmentId) => afterwards(post(id, { intent: 'undo', adjustmentId }))}
            onOpenException={(exceptionId) => navigate(`/forecasts/${id}/exceptions/${exceptionId}`)}
            subscribeUpdates={feed.subscribe}
          />
        </>
      )}
    </>
  )
}
