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
import { createQuote } from '#app/features/quotes/create-quote.server.ts'
import { NewQuoteSchema } from '#app/features/quotes/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'newQuote') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:write')
  const options = await runService(auth, context, billingFormOptions)
  const partnershipId = new URL(request.url).searchParams.get('partnershipId') ?? undefined
  return {
    ...options,
    currencies: currencyOptions(),
    defaults: {
      partnershipId: options.partners.some((p) => p.id === partnershipId) ? partnershipId : undefined,
      title: '',
      currency: auth.org.defaultCurrency,
      validUntil: addDays(todayIn(auth.org.timeZone), 30),
      terms: '',
      notes: '',
      lines: [
        {
          sku: '',
          description: '',
          quantity: '1',
          unit: 'each',
          unitPrice: '',
          discount: '0',
          taxRate: '0',
          optional: false,
        },
      ],
    },
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:write')
  const submission = parseWithZod(await readForm(request), { schema: NewQuoteSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const quote = await runService(auth, context, (ctx) => createQuote(ctx, submission.value))
    return redirect(`/quotes/${quote.id}`)
  } catch (error) {
    return replyWithError(submission, error)
  }
}

export default function NewQuotePage() {
  const { partners, products, currencies, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('quotes')
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      <QuoteEditor
        mode="new"
        defaultValue={defaults}
        lastResult={lastResult}
        partners={partners}
        currencies={currencies}
        products={products}
        locale={i18n.language}
        cancelTo="/quotes"
      />
    </>
  )
}
