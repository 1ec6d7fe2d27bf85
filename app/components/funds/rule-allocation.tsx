import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '#app/lib/money.ts'

export type RulePreview = {
  rule: 'equal' | 'sales'
  amountText: string
  error: string | null
  plan: { partnershipId: string; partnerName: string; sales: number; amount: number }[]
  period: { from: string; to: string } | null
  fits: boolean
}

/**
 * Split an amount over all active partners, equally or by last period's invoiced sales: first a preview (a GET, so
 * nothing moves), then Apply, which recomputes the plan on the server and allocates it all or nothing.
 */
export function RuleAllocation({ currency, preview }: { currency: string; preview: RulePreview | null }) {
  const { t, i18n } = useTranslation('funds')
  const money = (n: number) => formatMoney(n, currency, i18n.language)
  return (
    <section aria-labelledby="rule-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rule-title" className="mb-3 text-sm font-semibold text-slate-900">
        {t('rule.title')}
      </h2>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('rule.rule')}</span>
          <select
            name="rule"
            defaultValue={preview?.rule ?? 'equal'}
            className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          >
            <option value="equal">{t('rule.equal')}</option>
            <option value="sales">{t('rule.sales')}</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t('allocate.amount', { currency })}</span>
          <input
            name="ruleAmount"
            inputMode="decimal"
            defaultValue={preview?.amountText ?? ''}
            className="mt-1 rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <button
          type="submit"
          className="rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {t('rule.preview')}
        </button>
      </Form>
      {preview?.error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {t(preview.error)}
        </p>
      ) : null}
      {preview && !preview.error ? (
        <div className="mt-4">
          {preview.rule === 'sales' && preview.period ? (
            <p className="mb-2 text-xs text-slate-600">{t('rule.basis', preview.period)}</p>
          ) : null}
          <table className="w-full text-sm">
            <caption className="sr-only">{t('rule.previewCaption')}</caption>
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-1 text-start">
                  {t('detail.partner')}
                </th>
                {preview.rule === 'sales' ? (
                  <th scope="col" className="py-1 text-end">
                    {t('rule.salesColumn')}
                  </th>
                ) : null}
                <th scope="col" className="py-1 text-end">
                  {t('detail.amount')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.plan.map((p) => (
                <tr key={p.partnershipId}>
                  <td className="py-1">{p.partnerName}</td>
                  {preview.rule === 'sales' ? <td className="py-1 text-end">{money(p.sales)}</td> : null}
                  <td className="py-1 text-end font-medium">{money(p.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.fits ? (
            <Form method="post" className="mt-3">
              <input type="hidden" name="intent" value="apply-rule" />
              <input type="hidden" name="rule" value={preview.rule} />
              <input type="hidden" name="amount" value={preview.amountText} />
              <button
                type="submit"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
              >
                {t('rule.apply')}
              </button>
            </Form>
          ) : (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {t('errors.overFund')}
            </p>
          )}
        </div>
      ) : null}
    </section>
  )
}
