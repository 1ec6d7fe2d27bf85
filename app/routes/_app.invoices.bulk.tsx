import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { InvoiceIdsSchema, requestInvoiceZip } from '#app/features/downloads/request-invoice-zip.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'

/** POST from the invoice list's selection: queues the ZIP and shows its progress page. */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  const form = await readForm(request)
  const parsed = InvoiceIdsSchema.safeParse(form.getAll('invoiceIds').map(String))
  if (!parsed.success) {
    return data(
      { error: parsed.error.issues[0]?.message ?? 'downloads:errors.noneSelected' },
      { status: 400 },
    )
  }
  try {
    const download = await runService(auth, context, (ctx) =>
      requestInvoiceZip(ctx, parsed.data, auth.org.timeZone),
    )
    return redirect(`/downloads/${download.id}`, 303)
  } catch (error) {
    if (error instanceof AppError) throw new Response(error.message, { status: error.status })
    throw error
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'invoices:read')
  return null
}

/** Shown when the selection was refused (nothing ticked, too many) or the address was opened directly. */
export default function BulkDownloadRefused() {
  const result = useActionData<typeof action>()
  const { t } = useTranslation('downloads')
  return (
    <>
      <PageHeader title={t('title')} />
      <Notice tone="error">{t(result && 'error' in result ? result.error : 'errors.noneSelected')}</Notice>
      <Link to="/invoices" className="text-brand-700 underline">
        {t('back')}
      </Link>
    </>
  )
}
