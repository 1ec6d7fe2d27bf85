import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormActions } from '#app/components/forms/form-actions.tsx'
import { type ImportOutcome, ImportReport } from '#app/components/products/import-report.tsx'
import { inputClass } from '#app/components/ui/field.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { assertKeepsCatalogue } from '#app/features/products/access.server.ts'
import { importProductsCsv } from '#app/features/products/import-products-csv.server.ts'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '#app/features/products/limits.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readCsvUpload } from '#app/lib/csv-upload.server.ts'

export const meta: MetaFunction = () => [{ title: 'Import products · Tandem' }]

// A longer list helps nobody: the first thousand problems show what is wrong with the file.
const SHOWN_ERRORS = 1000

// Remix sends an action's headers only through this export (Connection: close after a refused upload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  return { defaultCurrency: auth.org.defaultCurrency }
}

const refuse = (message: string, values?: Record<string, unknown>, headers?: HeadersInit) =>
  data<ImportOutcome>({ status: 'unreadable', message, values }, { status: 400, headers })

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  const upload = await readCsvUpload(request, MAX_IMPORT_BYTES)
  if (!upload.ok) {
    // The rest of a too-large upload is left unread, so this connection cannot carry another request.
    const headers = upload.reason === 'tooLarge' ? { Connection: 'close' } : undefined
    const values = upload.type !== undefined ? { type: upload.type } : undefined
    return refuse(`products:import.${upload.reason}`, values, headers)
  }
  const { bytes } = upload
  const result = await runService(auth, context, (ctx) => importProductsCsv(ctx, { bytes }))
  if (result.status === 'imported') return data<ImportOutcome>(result)
  if (result.status === 'unreadable') return refuse(result.message)
  const errors = result.errors.slice(0, SHOWN_ERRORS)
  return data<ImportOutcome>({ status: 'invalid', errors, total: result.errors.length }, { status: 422 })
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
      <Form
        method="post"
        encType="multipart/form-data"
        className="max-w-2xl space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <p id="import-help" className="text-sm text-slate-600">
          {t('import.help', { currency: defaultCurrency, max: MAX_IMPORT_ROWS })}
        </p>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            {t('import.file')}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,text/csv,text/plain"
            required
            aria-describedby={outcome?.status === 'invalid' ? `import-help ${reportId}` : 'import-help'}
            className={`mt-1 ${inputClass}`}
          />
        </div>
        <FormActions
          label={t('import.submit')}
          submittingLabel={t('import.submitting')}
          cancelTo="/products"
          cancelLabel={t('import.cancel')}
        />
      </Form>
    </>
  )
}
