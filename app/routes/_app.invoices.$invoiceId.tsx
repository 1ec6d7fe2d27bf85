import type { SubmissionResult } from '@conform-to/react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RecordThread } from '#app/components/chat/record-thread.tsx'
import { FormErrors } from '#app/components/form-errors.tsx'
import { InvoiceDocument } from '#app/components/invoices/invoice-document.tsx'
import { InvoiceSellerActions } from '#app/components/invoices/invoice-seller-actions.tsx'
import { IssueInvoiceForm } from '#app/components/invoices/issue-invoice-form.tsx'
import { RecordPaymentForm } from '#app/components/invoices/record-payment-form.tsx'
import { VoidInvoiceForm } from '#app/components/invoices/void-invoice-form.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { findRecordThreadId } from '#app/features/chat/open-channel.server.ts'
import { getInvoice } from '#app/features/invoices/get-invoice.server.ts'
import { handleInvoiceAction } from '#app/features/invoices/invoice-actions.server.ts'
import { invoiceDisplayStatus, isOpen, isVoidable } from '#app/features/invoices/invoice-status.ts'
import { runService } from '#app/features/service-context.server.ts'
import { todayIn } from '#app/lib/dates.ts'
import { orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'invoice', data?.invoice.number) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  const id = params.invoiceId ?? ''
  const detail = await orRespond(() =>
    runService(auth, context, async (ctx) => {
      const found = await getInvoice(ctx, id)
      return { ...found, threadId: await findRecordThreadId(ctx, 'invoice', found.invoice.id) }
    }),
  )
  const { invoice, side } = detail
  const today = todayIn(auth.org.timeZone)
  const seller = side === 'seller'
  const paid = detail.payments.length > 0
  const canPay = seller && can(auth.role, 'invoices:payments') && isOpen(invoice.status)
  const canVoid = seller && can(auth.role, 'invoices:void')
  return {
    ...detail,
    canDiscuss: can(auth.role, 'chat:read'),
    today,
    status: invoiceDisplayStatus(invoice.status, invoice.dueDate, today),
    paymentKey: canPay ? crypto.randomUUID() : null,
    can: {
      edit: seller && can(auth.role, 'invoices:write') && invoice.status === 'draft',
      issue: seller && can(auth.role, 'invoices:write') && invoice.status === 'draft',
      pay: canPay,
      void: canVoid && isVoidable(invoice.status) && !paid,
      // Says why the void form is missing, instead of hiding it silently.
      voidBlocked: canVoid && paid && invoice.status !== 'void',
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'invoices:read')
  return handleInvoiceAction({
    context,
    auth,
    invoiceId: params.invoiceId ?? '',
    form: await readForm(request),
  })
}

type ActionResult = { intent: string; result: SubmissionResult<string[]> | null } | undefined

export default function InvoicePage() {
  const detail = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionResult
  const [params] = useSearchParams()
  const { t } = useTranslation('invoices')
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  const { invoice, can: allowed } = detail
  const notice = ['issued', 'paid', 'paidInFull', 'voided'].find((key) => params.get(key))
  return (
    <>
      {notice ? <Notice tone="success">{t(`notices.${notice}`, { number: invoice.number })}</Notice> : null}
      <FormErrors errors={actionData && !actionData.result ? ['invoices:errors.unknownAction'] : undefined} />
      <InvoiceDocument
        detail={detail}
        status={detail.status}
        actions={
          detail.side === 'seller' ? (
            <InvoiceSellerActions invoiceId={invoice.id} canEdit={allowed.edit} />
          ) : null
        }
      />
      {allowed.issue || allowed.pay || allowed.void || allowed.voidBlocked ? (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          {allowed.issue ? (
            <IssueInvoiceForm
              version={invoice.version}
              paymentTermsDays={invoice.paymentTermsDays}
              today={detail.today}
              lastResult={resultFor('issue')}
            />
          ) : null}
          {allowed.pay && detail.paymentKey ? (
            <RecordPaymentForm
              key={detail.paymentKey}
              idempotencyKey={detail.paymentKey}
              currency={invoice.currency}
              balanceDue={detail.balanceDue}
              today={detail.today}
              lastResult={resultFor('payment')}
            />
          ) : null}
          {allowed.void ? <VoidInvoiceForm version={invoice.version} lastResult={resultFor('void')} /> : null}
          {allowed.voidBlocked ? (
            <p className="rounded-lg bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-600/20">
              {t('void.blocked')}
            </p>
          ) : null}
        </div>
      ) : null}
      {detail.canDiscuss ? (
        <RecordThread channelId={detail.threadId} openAction={`/invoices/${detail.invoice.id}/thread`} />
      ) : null}
    </>
  )
}
