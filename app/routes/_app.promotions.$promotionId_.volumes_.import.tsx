import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PromotionTabs } from '#app/components/promotions/promotion-tabs.tsx'
import { CsvUploadForm } from '#app/components/ui/csv-upload-form.tsx'
import { ImportErrors } from '#app/components/ui/import-errors.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '#app/features/products/limits.ts'
import { findPromotion } from '#app/features/promotions/find-promotion.server.ts'
import { importActuals } from '#app/features/promotions/import-actuals.server.ts'
import { volumeRights } from '#app/features/promotions/volume-rights.ts'
import { runService } from '#app/features/service-context.server.ts'
import { csvImportResponse } from '#app/lib/csv-import-response.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'importActuals', data?.name) },
]

// Remix sends an action's headers only through this export (Connection: close after a refused upload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const { promotion, partnershipStatus } = await orRespond(() =>
    runService(auth, context, (ctx) => findPromotion(ctx, params.promotionId ?? '')),
  )
  return {
    id: promotion.id,
    name: promotion.name,
    open: volumeRights(auth, promotion.status, partnershipStatus).actuals,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const id = params.promotionId ?? ''
  // The record before the upload: another org's promotion is a 404 and its body is never read.
  await orRespond(() => runService(auth, context, (ctx) => findPromotion(ctx, id)))
  return csvImportResponse(request, {
    maxBytes: MAX_IMPORT_BYTES,
    refusal: (reason) => `volumes:import.${reason}`,
    run: (bytes) => runService(auth, context, (ctx) => importActuals(ctx, id, { bytes })),
  })
}

/** Actual sell-through from a CSV file: the columns, a template (the export), and every problem by line. */
export default function ImportActualsPage() {
  const view = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { t } = useTranslation('volumes')
  const back = `/promotions/${view.id}/volumes`
  return (
    <>
      <PageHeader title={view.name} description={t('import.title')} />
      <PromotionTabs promotionId={view.id} />
      {outcome?.status === 'imported' ? (
        <Notice tone="success">
          {[
            t('import.done', { count: outcome.changed }),
            outcome.unchanged > 0 ? t('import.unchanged', { count: outcome.unchanged }) : '',
          ]
            .join(' ')
            .trim()}
        </Notice>
      ) : outcome?.status === 'unreadable' ? (
        <Notice tone="error">
          {t(outcome.message, { max: MAX_IMPORT_BYTES / 1_000_000, ...outcome.values })}
        </Notice>
      ) : outcome?.status === 'invalid' ? (
        <ImportErrors ns="volumes" id="import-report" errors={outcome.errors} total={outcome.total} />
      ) : null}
      <section aria-labelledby="format-title" className="mb-6 max-w-2xl text-sm text-slate-700">
        <h2 id="format-title" className="mb-1 text-base font-semibold text-slate-900">
          {t('import.formatTitle')}
        </h2>
        <p>{t('import.format')}</p>
        <ul className="mt-2 list-disc space-y-0.5 ps-5">
          <li>
            <code>sku</code> — {t('import.columnSku')}
          </li>
          <li>
            <code>week_start</code> — {t('import.columnWeek')}
          </li>
          <li>
            <code>actual_units</code> — {t('import.columnUnits')}
          </li>
        </ul>
        <p className="mt-2">
          {t('import.rules', { max: MAX_IMPORT_ROWS, mb: MAX_IMPORT_BYTES / 1_000_000 })}
        </p>
        <p className="mt-2">
          <a href={`${back}/export.csv`} download className="font-medium text-brand-700 underline">
            {t('import.template')}
          </a>
        </p>
      </section>
      {view.open ? (
        <CsvUploadForm
          fileLabel={t('import.file')}
          submitLabel={t('import.submit')}
          submittingLabel={t('import.submitting')}
          cancelTo={back}
          cancelLabel={t('import.back')}
          describedBy={outcome?.status === 'invalid' ? 'import-report' : undefined}
        />
      ) : (
        <p className="text-sm text-slate-600">{t('import.closed')}</p>
      )}
    </>
  )
}
