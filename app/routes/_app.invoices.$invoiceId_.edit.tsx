import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { InvoiceEditor } from '#app/components/invoices/invoice-editor.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions } from '#app/features/admin/schemas.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { billingFormOptions } from '#app/features/billing/form-options.server.ts'
import { replyWithError } from '#app/features/billing/form-reply.server.ts'
import { assertSeller, findInvoice } from '#app/features/invoices/find-invoice.server.ts'
import { getInvoice } from '#app/features/invoices/get-invoice.server.ts'
import { saveInvoiceDraft } from '#app/features/invoices/save-invoice-draft.server.ts'
import { EditInvoiceSchema } from '#app/features/invoices/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { scaledToString, toDecimalString } from '#app/lib/money.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'editInvoice') }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:write')
  const id = params.invoiceId ?? ''
  const { detail, options } = await orRespond(() =>
    runService(auth, context, async (ctx) => ({
      detail: await getInvoice(ctx, id),
      options: await billingFormOptions(ctx),
    })),
  )
  const { invoice, lines, side } = detail
  if (side !== 'seller') notFound()
  // Issued invoices are records: the page says what can still be done (pay, void).
  if (invoice.status !== 'draft') throw redirect(`/invoices/${id}`)
  return {
    invoice: { id: invoice.id },
    products: options.products,
    currencies: currencyOptions(),
    defaults: {
      currency: invoice.currency,
      paymentTermsDays: invoice.paymentTermsDays,
      terms: invoice.terms,
      notes: invoice.notes,
      version: invoice.version,
      lines: lines.map((l) => ({
        productId: l.productId ?? undefined,
        sku: l.sku,
        description: l.description,
        quantity: l.quantity.replace(/\.?0+$/, ''),
        unit: l.unit,
        unitPrice: toDecimalString(l.unitPrice, invoice.currency),
        discount: scaledToString(l.discountBp, 2),
        taxRate: scaledToString(l.taxRateBp, 2),
      })),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:write')
  const id = params.invoiceId ?? ''
  // Another org's or an invisible invoice is "not found" whatever the form holds.
  await orRespond(() => runService(auth, context, async (ctx) => assertSeller(await findInvoice(ctx, id))))
  const submission = parseWithZod(await readForm(request), { schema: EditInvoiceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await runService(auth, context, (ctx) => saveInvoiceDraft(ctx, id, submission.value))
    return redirect(`/invoices/${id}`)
  } catch (error) {
    return replyWithError(submission, error)
  }
}

export default function EditInvoicePage() {
  const { invoice, products, currencies, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('invoices')
  return (
    <>
      <PageHeader title={t('edit.title')} description={t('edit.description')} />
      <InvoiceEditor
        mode="edit"
        defaultValue={defaults}
        lastResult={lastResult}
        currencies={currencies}
        products={products}
        locale={i18n.language}
        cancelTo={`/invoices/${invoice.id}`}
      />
    </>
  )
}
