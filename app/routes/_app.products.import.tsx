import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ImportReport } from '#app/components/products/import-report.tsx'
import { CsvUploadForm } from '#app/components/ui/csv-upload-form.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { assertKeepsCatalogue } from '#app/features/products/access.server.ts'
import { importProductsCsv } from '#app/features/products/import-products-csv.server.ts'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '#app/features/products/limits.ts'
import { runService } from '#app/features/service-context.server.ts'
import { csvImportResponse } from '#app/lib/csv-import-response.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'importProducts') }]

// Remix sends an action's headers only through this export (Connection: close after a refused upload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  return { defaultCurrency: auth.org.defaultCurrency }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  return csvImportResponse(request, {
    maxBytes: MAX_IMPORT_BYTES,
    refusal: (reason) => `products:import.${reason}`,
    run: (bytes) => runService(auth, context, (ctx) => importProductsCsv(ctx, { bytes })),
  })
}

export default function ImportProductsPage() {
  const { defaultCurrency } = useLoaderData<typeof loader>()
  const outcome = useActionData<typeof action>()
  const { t } = useTranslation('products')
  const reportId = 'import-report'
  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      {outcome ? <ImportReport outcome={outcome} id={reportId} /> : null}
      <CsvUploadForm
        fileLabel={t('import.file')}
        submitLabel={t('import.submit')}
        submittingLabel={t('import.submitting')}
        cancelTo="/products"
        cancelLabel={t('import.cancel')}
        describedBy={outcome?.status === 'invalid' ? `import-help ${reportId}` : 'import-help'}
      >
        <p id="import-help" className="text-sm text-slate-600">
          {t('import.help', { currency: defaultCurrency, max: MAX_IMPORT_ROWS })}
        </p>
      </CsvUploadForm>
    </>
  )
}
