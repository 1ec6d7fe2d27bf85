import { useTranslation } from 'react-i18next'
import { bpToPercent } from '#app/lib/money.ts'
import type { Promotion } from '#db/schema/promotions.ts'

type Plan = Pick<
  Promotion,
  'mechanics' | 'discountBp' | 'channels' | 'regions' | 'claimDeadline' | 'expectedLiftBp' | 'description'
>

/** The plan read-only, once it has left draft (or for roles that cannot edit it). */
export function PlanSummary({ promotion: p }: { promotion: Plan }) {
  const { t } = useTranslation('promotions')
  const rows: [string, string][] = [
    [
      t('form.mechanics'),
      p.discountBp === null
        ? t(`mechanics.${p.mechanics}`)
        : `${t(`mechanics.${p.mechanics}`)} · ${bpToPercent(p.discountBp)} %`,
    ],
    [t('form.channels'), p.channels.map((c) => t(`channels.${c}`)).join(', ') || '—'],
    [t('form.regions'), p.regions || '—'],
    [t('form.expectedLift'), bpToPercent(p.expectedLiftBp)],
    [t('form.claimDeadline'), p.claimDeadline ?? '—'],
  ]
  return (
    <section aria-labelledby="plan-title" className="mt-8">
      <h2 id="plan-title" className="mb-3 text-lg font-semibold text-slate-900">
        {t('edit.title')}
      </h2>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-slate-600">{label}</dt>
            <dd className="text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      {p.description ? (
        <p className="mt-4 whitespace-pre-wrap text-sm text-slate-700">{p.description}</p>
      ) : null}
    </section>
  )
}
