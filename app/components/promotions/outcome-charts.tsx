import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { toDecimalString } from '#app/lib/money.ts'

// Charts render only in the browser, after hydration (decision 0017): recharts measures its container, and the
// content security policy refuses the inline style attributes server-rendered SVG would carry. Until then a box of
// the same height holds the place; the same figures are always in the tables below each chart.

const colors = { baseline: '#94a3b8', planned: '#d97706', actual: '#4f46e5', partner: '#0d9488' }
const HEIGHT = 280

function ClientChart({ label, children }: { label: string; children: () => ReactNode }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return (
    <figure className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <figcaption className="mb-2 text-sm font-semibold text-slate-800">{label}</figcaption>
      {/* The chart repeats the table that follows it; screen readers get the table. */}
      <div aria-hidden="true" className="h-[280px]">
        {mounted ? children() : null}
      </div>
    </figure>
  )
}

export type WeekPoint = { weekStart: string; baseline: number; planned: number; actual: number | null }

/** Baseline and actual units as bars, the plan as a line, per week. */
export function WeeklyVolumeChart({ weeks }: { weeks: WeekPoint[] }) {
  const { t, i18n } = useTranslation('outcome')
  const rtl = i18n.dir() === 'rtl'
  return (
    <ClientChart label={t('charts.weekly')}>
      {() => (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <ComposedChart data={weeks} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="weekStart" reversed={rtl} tick={{ fontSize: 12 }} />
            <YAxis orientation={rtl ? 'right' : 'left'} allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="baseline" name={t('series.baseline')} fill={colors.baseline} />
            <Bar dataKey="actual" name={t('series.actual')} fill={colors.actual} />
            <Line
              dataKey="planned"
              name={t('series.planned')}
              stroke={colors.planned}
              strokeWidth={2}
              type="monotone"
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </ClientChart>
  )
}

/** Planned against actual spend, each split into the fund's part and the partner's contribution. */
export function SpendChart({
  currency,
  plannedFund,
  plannedPartner,
  fundSpend,
  partnerContribution,
}: {
  currency: string
  plannedFund: number
  plannedPartner: number
  fundSpend: number
  partnerContribution: number
}) {
  const { t, i18n } = useTranslation('outcome')
  const rtl = i18n.dir() === 'rtl'
  // Recharts plots numbers: minor units become decimal amounts of the currency here, for display only.
  const amount = (minor: number) => Number(toDecimalString(minor, currency))
  const data = [
    { label: t('series.plan'), fund: amount(plannedFund), partner: amount(plannedPartner) },
    { label: t('series.spent'), fund: amount(fundSpend), partner: amount(partnerContribution) },
  ]
  return (
    <ClientChart label={t('charts.spend', { currency })}>
      {() => (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis type="number" reversed={rtl} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="label" orientation={rtl ? 'right' : 'left'} width={80} />
            <Tooltip />
            <Legend />
            <Bar dataKey="fund" stackId="spend" name={t('series.fund')} fill={colors.actual} />
            <Bar dataKey="partner" stackId="spend" name={t('series.partner')} fill={colors.partner} />
          </BarChart>
        </ResponsiveContainer>
      )}
    </ClientChart>
  )
}
