import type { SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RecordThread } from '#app/components/chat/record-thread.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { AcceptQuoteForm, DeclineQuoteForm } from '#app/components/quotes/quote-answer-forms.tsx'
import { QuoteDocument } from '#app/components/quotes/quote-document.tsx'
import { QuoteSellerActions } from '#app/components/quotes/quote-seller-actions.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findRecordThreadId } from '#app/features/chat/open-channel.server.ts'
import { getQuote } from '#app/features/quotes/get-quote.server.ts'
import { handleQuoteAction } from '#app/features/quotes/quote-actions.server.ts'
import { quoteDisplayStatus } from '#app/features/quotes/quote-status.ts'
import { markQuoteViewed } from '#app/features/quotes/respond-to-quote.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'quote', data?.quote.number) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:read')
  const id = params.quoteId ?? ''
  const wanted = Number(new URL(request.url).searchParams.get('revision')) || undefined
  const detail = await orRespond(() =>
    runService(auth, context, async (ctx) => {
      const first = await getQuote(ctx, id, wanted)
      const threadId = await findRecordThreadId(ctx, 'quote', first.quote.id)
      if (first.side !== 'buyer' || first.quote.status !== 'sent') return { ...first, threadId }
      // Opening a sent quote is what "viewed" means to the seller.
      await markQuoteViewed(ctx, id)
      return { ...(await getQuote(ctx, id, wanted)), threadId }
    }),
  )
  const { quote, side, revision } = detail
  const today = todayIn(auth.org.timeZone)
  const status = quoteDisplayStatus(quote.status, revision.validUntil, today)
  const seller = side === 'seller' && can(auth.role, 'quotes:write')
  const unsent = quote.publishedRevision !== quote.currentRevision
  const latest = revision.revision === (side === 'seller' ? quote.currentRevision : quote.publishedRevision)
  return {
    ...detail,
    status,
    signerName: auth.user.name,
    canDiscuss: can(auth.role, 'chat:read'),
    can: {
      edit: seller && quote.status !== 'accepted' && unsent,
      send: seller && quote.status !== 'accepted' && unsent,
      revise: seller && !unsent && quote.status !== 'accepted',
      invoice: side === 'seller' && quote.status === 'accepted' && can(auth.role, 'invoices:write'),
      respond:
        side === 'buyer' &&
        latest &&
        (status === 'sent' || status === 'viewed') &&
        can(auth.role, 'quotes:respond'),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'quotes:read')
  return handleQuoteAction({
    request,
    context,
    auth,
    quoteId: params.quoteId ?? '',
    form: await readForm(request),
  })
}

type ActionResult = { intent: string; result: SubmissionResult<string[]> | null } | undefined

export default function QuotePage() {
  const detail = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult
  const [params] = useSearchParams()
  const { t } = useTranslation('quotes')
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const { quote, can: allowed } = detail
  return (
    <>
      {params.get('sent') ? (
        <Notice tone="success">{t('notices.sent', { number: quote.number })}</Notice>
      ) : null}
      {params.get('accepted') ? <Notice tone="success">{t('notices.accepted')}</Notice> : null}
      {params.get('declined') ? <Notice tone="success">{t('notices.declined')}</Notice> : null}
      {detail.side === 'seller' && quote.status === 'accepted' ? (
        <Notice tone="info">{t('notices.locked')}</Notice>
      ) : null}
      <FormErrors errors={(resultFor('send') ?? resultFor('revise'))?.error?.[''] ?? undefined} />
      <QuoteDocument
        detail={detail}
        status={detail.status}
        actions={
          detail.side === 'seller' ? (
            <QuoteSellerActions
              quoteId={quote.id}
              version={quote.version}
              canEdit={allowed.edit}
              canSend={allowed.send}
              canRevise={allowed.revise}
              canInvoice={allowed.invoice}
            />
          ) : null
        }
        selectable={allowed.respond}
      />
      {allowed.respond ? (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <AcceptQuoteForm
            revision={detail.revision.revision}
            version={quote.version}
            signerName={detail.signerName}
            lastResult={resultFor('accept')}
          />
          <DeclineQuoteForm version={quote.version} lastResult={resultFor('decline')} />
        </div>
      ) : null}
      {detail.canDiscuss ? (
        <RecordThread channelId={detail.threadId} openAction={`/quotes/${quote.id}/thread`} />
      ) : null}
    </>
  )
}
