import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'

type Can = { submit: boolean; decide: boolean; advance: boolean; settle?: boolean; cancel: boolean }

const field = 'mt-1 rounded border border-slate-300 px-2 py-1.5 text-sm'

/** The next steps the caller may take: request funds, decide on the request, move it on, or cancel it. */
export function PromotionActions({
  can,
  status,
  allocations,
  requested,
}: {
  can: Can
  status: string
  allocations: { value: string; label: string }[]
  requested: string
}) {
  const { t } = useTranslation('promotions')
  return (
    <div className="space-y-4">
      {can.submit ? (
        <Form
          method="post"
          className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
        >
          <input type="hidden" name="intent" value="submit" />
          <label className="text-sm">
            <span className="block font-medium text-slate-700">{t('actions.allocation')}</span>
            <select name="allocationId" required className={field}>
              {allocations.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.label}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            <span className="block font-medium text-slate-700">{t('actions.requestAmount')}</span>
            <input name="amount" required inputMode="decimal" className={field} />
          </label>
          <button type="submit" className={buttonClass('primary')} disabled={allocations.length === 0}>
            {t('actions.submit')}
          </button>
          {allocations.length === 0 ? (
            <p className="w-full text-xs text-slate-600">{t('actions.noAllocation')}</p>
          ) : null}
        </Form>
      ) : null}
      {can.decide ? (
        <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-2">
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="approve" />
            <label className="text-sm">
              <span className="block font-medium text-slate-700">{t('actions.approveAmount')}</span>
              <input name="amount" defaultValue={requested} required inputMode="decimal" className={field} />
            </label>
            <button type="submit" className={buttonClass('primary')}>
              {t('actions.approve')}
            </button>
          </Form>
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              <span className="block font-medium text-slate-700">{t('actions.reason')}</span>
              <input name="reason" required className={field} />
            </label>
            <button type="submit" name="intent" value="reject" className={buttonClass('danger')}>
              {t('actions.reject')}
            </button>
            <button type="submit" name="intent" value="sendBack" className={buttonClass('secondary')}>
              {t('actions.sendBack')}
            </button>
          </Form>
        </div>
      ) : null}
      {can.advance ? (
        <Form method="post">
          <input type="hidden" name="intent" value="advance" />
          <button type="submit" className={buttonClass('secondary')}>
            {status === 'approved' ? t('actions.goLive') : t('actions.complete')}
          </button>
        </Form>
      ) : null}
      {can.settle ? (
        <Form method="post" className="flex flex-wrap items-center gap-3">
          <input type="hidden" name="intent" value="settle" />
          <button type="submit" className={buttonClass('primary')}>
            {t('claims:settlePromotion.action')}
          </button>
          <span className="text-xs text-slate-600">{t('claims:settlePromotion.hint')}</span>
        </Form>
      ) : null}
      {can.cancel ? (
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="cancel" />
          <label className="text-sm">
            <span className="block font-medium text-slate-700">{t('actions.cancelReason')}</span>
            <input name="reason" required className={field} />
          </label>
          <button type="submit" className={buttonClass('danger')}>
            {t('actions.cancel')}
          </button>
        </Form>
      ) : null}
    </div>
  )
}
