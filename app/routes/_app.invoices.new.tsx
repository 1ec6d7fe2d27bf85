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
import { createInvoice } from '#app/features/invoices/create-invoice.server.ts'
import { NewInvoiceSchema } from '#app/features/invoices/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'newInvoice') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:write')
  const options = await runService(auth, context, billingFormOptions)
  const partnershipId = new URL(request.url).searchParams.get('partnershipId') ?? undefined
  return {
    ...options,
    currencies: currencyOptions(),
    defaults: {
      partnershipId: options.partners.some((p) => p.id === partnershipId) ? partnershipId : undefined,
      // One key per form load: a retried or doubled submit of this form makes one invoice.
      idempotencyKey: crypto.randomUUID(),
      currency: auth.org.defaultCurrency,
      paymentTermsDays: 30,
      terms: '',
      notes: '',
      lines: [
        { sku: '', description: '', quantity: '1', unit: 'each', unitPrice: '', discount: '0', taxRate: '0' },
      ],
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:write')
  const submission = parseWithZod(await readForm(request), { schema: NewInvoiceSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const { invoice } = await runService(auth, context, (ctx) => createInvoice(ctx, submission.value))
    return redirect(`/invoices/${invoice.id}`)
  } catch (error) {
    return replyWithError(submission, error)
  }
}

export default function NewInvoicePage() {
  const { partners, products, currencies, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('invoices')
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      <InvoiceEditor
        mode="new"
        defaultValue={defaults}
        lastResult={lastResult}
        partners={partners}
        currencies={currencies}
        products={products}
        locale={i18n.language}
        cancelTo="/invoices"
      />
    </>
  )
}
