import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { RecordThread } from '#app/components/chat/record-thread.tsx'
import { PlanSummary } from '#app/components/promotions/plan-summary.tsx'
import { PromotionActions } from '#app/components/promotions/promotion-actions.tsx'
import { PromotionForm } from '#app/components/promotions/promotion-form.tsx'
import { PromotionTabs } from '#app/components/promotions/promotion-tabs.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { promotionFormReply, readPlanBase } from '#app/features/promotions/form-reply.server.ts'
import { getPlanPage } from '#app/features/promotions/get-plan-page.server.ts'
import { getPromotion } from '#app/features/promotions/get-promotion.server.ts'
import type { PlanConflictReply } from '#app/features/promotions/plan-fields.ts'
import { updatePromotion } from '#app/features/promotions/save-promotion.server.ts'
import {
  advancePromotion,
  approvePromotion,
  cancelPromotion,
  rejectPromotion,
  sendBackPromotion,
  settlePromotion,
  submitPromotion,
} from '#app/features/promotions/transitions.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, attempt, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { formatMoney, minorUnitExponent, parseAmount, scaledToString } from '#app/lib/money.ts'
import { useRecordChanges } from '#app/lib/realtime/use-record-changes.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'promotion', data?.promotion.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  return orRespond(() => runService(auth, context, (ctx) => getPlanPage(ctx, params.promotionId ?? '')))
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const id = params.promotionId ?? ''
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  if (intent === 'save') {
    const version = Number(form.get('version'))
    const base = readPlanBase(form)
    const result = await promotionFormReply(form, (input) =>
      runService(auth, context, (ctx) => updatePromotion(ctx, id, input, version, base)),
    )
    return result.ok ? redirect(`/promotions/${id}?saved=1`) : result.reply
  }
  const reason = String(form.get('reason') ?? '').trim()
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      const { promotion } = await getPromotion(ctx, id)
      const amount = () => {
        const value = parseAmount(String(form.get('amount') ?? ''), promotion.currency)
        if (value === null || value <= 0) throw new AppError('invalid', 'promotions:errors.amount')
        return value
      }
      const needReason = () => {
        if (!reason) throw new AppError('invalid', 'promotions:errors.reasonRequired')
        return reason.slice(0, 500)
      }
      if (intent === 'submit')
        return submitPromotion(ctx, id, {
          allocationId: String(form.get('allocationId') ?? ''),
          amount: amount(),
        })
      if (intent === 'approve') return approvePromotion(ctx, id, { amount: amount() })
      if (intent === 'reject') return rejectPromotion(ctx, id, needReason())
      if (intent === 'sendBack') return sendBackPromotion(ctx, id, needReason())
      if (intent === 'advance') return advancePromotion(ctx, id)
      if (intent === 'settle') return settlePromotion(ctx, id)
      if (intent === 'cancel') return cancelPromotion(ctx, id, needReason())
      throw new AppError('invalid', 'promotions:errors.unknownAction')
    }),
  )
  if (!result.ok) return data({ error: result.error.message }, { status: result.error.status })
  return redirect(`/promotions/${id}?done=${result.value.status}`)
}

/** One promotion: the plan (editable while a draft), the funding decision, and its history. */
export default function PromotionPage() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as
    | { error?: string; conflict?: PlanConflictReply | null; status?: string }
    | undefined
  const { t, i18n } = useTranslation('promotions')
  const p = view.promotion
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, p.currency, i18n.language))
  const decimal = (n: number) => scaledToString(BigInt(n), minorUnitExponent(p.currency))
  // The last refused save's conflict stays the form's basis through later validation errors.
  const [conflict, setConflict] = useState<PlanConflictReply | null>(null)
  useEffect(() => {
    if (actionData?.conflict) setConflict(actionData.conflict)
  }, [actionData])
  useRecordChanges('promotion', p.id, p.version)
  return (
    <>
      <PageHeader
        title={p.name}
        description={`${view.partnerName} · ${p.startsOn} – ${p.endsOn} · ${t(`status.${p.status}`)}`}
      />
      <PromotionTabs promotionId={p.id} />
      {actionData?.error ? <Notice tone="error">{t(actionData.error)}</Notice> : null}
      <dl className="mb-6 grid gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {(
          [
            ['plannedSpend', money(p.plannedSpend)],
            ['partnerContribution', money(p.partnerContribution)],
            ['manufacturerContribution', money(p.plannedSpend - p.partnerContribution)],
            ['requested', money(p.requestedAmount)],
            ['approved', money(p.approvedAmount)],
          ] as const
        ).map(([key, value]) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs uppercase text-slate-500">{t(`detail.${key}`)}</dt>
            <dd className="text-lg font-semibold text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {p.decisionReason ? (
        <p className="mb-4 text-sm text-slate-700">{t('detail.reason', { reason: p.decisionReason })}</p>
      ) : null}
      <PromotionActions
        can={view.can}
        status={p.status}
        allocations={view.allocations}
        requested={p.requestedAmount ? decimal(p.requestedAmount) : ''}
      />
      {view.can.edit ? (
        <section aria-labelledby="plan-title" className="mt-8">
          <h2 id="plan-title" className="mb-3 text-lg font-semibold text-slate-900">
            {t('edit.title')}
          </h2>
          <PromotionForm
            key={`plan-${(actionData?.conflict ?? conflict)?.version ?? ''}`}
            snapshot={view.snapshot}
            conflict={actionData?.conflict ?? conflict}
            changedBy={view.changedBy ?? undefined}
            currency={p.currency}
            lastResult={actionData && 'status' in actionData ? (actionData as never) : undefined}
            submitLabel={t('edit.save')}
          />
        </section>
      ) : (
        <PlanSummary promotion={p} />
      )}
      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="mb-2 text-lg font-semibold text-slate-900">
          {t('detail.history')}
        </h2>
        <ol className="space-y-1 text-sm">
          {view.history.map((h) => (
            <li key={h.id}>
              <LocalTime value={h.at} /> · {h.who ?? '—'} · {h.from ? `${t(`status.${h.from}`)} → ` : ''}
              {t(`status.${h.to}`)}
              {h.note ? ` · ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
      {view.canDiscuss ? (
        <RecordThread channelId={view.threadId} openAction={`/promotions/${p.id}/thread`} />
      ) : null}
    </>
  )
}
