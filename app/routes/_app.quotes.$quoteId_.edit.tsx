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
import { QuoteEditor } from '#app/components/quotes/quote-editor.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions } from '#app/features/admin/schemas.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { billingFormOptions } from '#app/features/billing/form-options.server.ts'
import { replyWithError } from '#app/features/billing/form-reply.server.ts'
import { getQuote } from '#app/features/quotes/get-quote.server.ts'
import { saveQuoteDraft } from '#app/features/quotes/save-quote-draft.server.ts'
import { EditQuoteSchema } from '#app/features/quotes/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { scaledToString, toDecimalString } from '#app/lib/money.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'editQuote') }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:write')
  const id = params.quoteId ?? ''
  const { detail, options } = await orRespond(() =>
    runService(auth, context, async (ctx) => ({
      detail: await getQuote(ctx, id),
      options: await billingFormOptions(ctx),
    })),
  )
  const { quote, revision, lines, side } = detail
  if (side !== 'seller') notFound()
  if (quote.status === 'accepted' || quote.publishedRevision === quote.currentRevision) {
    // Nothing to edit: the page says why (locked, or revise first).
    throw redirect(`/quotes/${id}`)
  }
  return {
    quote: { id: quote.id, number: quote.number, revision: revision.revision },
    products: options.products,
    currencies: currencyOptions(),
    defaults: {
      title: quote.title,
      currency: revision.currency,
      validUntil: revision.validUntil,
      terms: revision.terms,
      notes: revision.notes,
      version: quote.version,
      lines: lines.map((l) => ({
        productId: l.productId ?? undefined,
        sku: l.sku,
        description: l.description,
        quantity: l.quantity.replace(/\.?0+$/, ''),
        unit: l.unit,
        unitPrice: toDecimalString(l.unitPrice, revision.currency),
        discount: scaledToString(l.discountBp, 2),
        taxRate: scaledToString(l.taxRateBp, 2),
        optional: l.optional,
      })),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:write')
  const id = params.quoteId ?? ''
  const submission = parseWithZod(await readForm(request), { schema: EditQuoteSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    await runService(auth, context, (ctx) => saveQuoteDraft(ctx, id, submission.value))
    return redirect(`/quotes/${id}`)
  } catch (error) {
    return replyWithError(submission, error)
  }
}

export default function EditQuotePage() {
  const { quote, products, currencies, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('quotes')
  return (
    <>
      <PageHeader
        title={t('edit.title', { number: quote.number ?? t('draftNumber'), revision: quote.revision })}
        description={t('edit.description')}
      />
      <QuoteEditor
        mode="edit"
        defaultValue={defaults}
        lastResult={lastResult}
        currencies={currencies}
        products={products}
        locale={i18n.language}
        cancelTo={`/quotes/${quote.id}`}
      />
    </>
  )
}
