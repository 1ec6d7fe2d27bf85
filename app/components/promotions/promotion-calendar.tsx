import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import { type CalendarRange, dayOf } from '#app/features/promotions/calendar.ts'
import { type PromotionStatus, promotionStatuses } from '#db/schema/promotions.ts'

/** One colour per status (the legend explains them); promotions that will not run are struck through. */
export const statusClass: Record<PromotionStatus, string> = {
  draft: 'bg-slate-200 text-slate-900',
  submitted: 'bg-amber-200 text-amber-950',
  approved: 'bg-sky-200 text-sky-950',
  live: 'bg-green-300 text-green-950',
  completed: 'bg-teal-100 text-teal-950',
  settled: 'bg-indigo-200 text-indigo-950',
  rejected: 'bg-red-100 text-red-900 line-through',
  cancelled: 'bg-slate-100 text-slate-500 line-through',
}

export type CalendarLane = {
  partnershipId: string
  partnerName: string
  rows: number
  items: {
    id: string
    name: string
    status: PromotionStatus
    startsOn: string
    endsOn: string
    overlaps: { id: string; name: string }[]
    row: number
  }[]
}

const LABEL = 'w-40 shrink-0 pe-3'

/** The day scale over the lanes: day numbers in a month, month names in a quarter. */
function Scale({ range }: { range: CalendarRange }) {
  const { i18n } = useTranslation('calendar')
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' })
  return (
    <div className="flex items-end border-b border-slate-200 pb-1 text-xs text-slate-500" aria-hidden="true">
      <div className={LABEL} />
      <div className={`grid flex-1 grid-cols-${range.days}`}>
        {range.view === 'quarter'
          ? range.months.map((m) => (
              <div
                key={m.key}
                className={`col-start-${m.startDay + 1} col-span-${m.days} border-s border-slate-200 ps-1`}
              >
                {monthName.format(new Date(`${m.key}-15T12:00:00Z`))}
              </div>
            ))
          : Array.from({ length: range.days }, (_, d) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the day number is the identity
              <div key={d} className="text-center tabular-nums">
                {d + 1}
              </div>
            ))}
      </div>
    </div>
  )
}

/** Lanes per partner, a bar per promotion spanning its days; overlapping bars of a partner stack and are marked. */
export function PromotionCalendar({ range, lanes }: { range: CalendarRange; lanes: CalendarLane[] }) {
  const { t } = useTranslation('calendar')
  const { t: tp } = useTranslation('promotions')
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <div className="min-w-[48rem]">
        <Scale range={range} />
        {lanes.map((lane) => {
          const overlapping = lane.items.filter((i) => i.overlaps.length > 0).length
          return (
            <section
              key={lane.partnershipId}
              aria-label={t('lane', { partner: lane.partnerName })}
              className="flex items-start border-b border-slate-100 py-2 last:border-b-0"
            >
              <div className={`${LABEL} text-sm`}>
                <h2 className="truncate font-medium text-slate-900">{lane.partnerName}</h2>
                {overlapping > 0 ? (
                  <Badge tone="red">{t('laneOverlaps', { count: overlapping })}</Badge>
                ) : null}
              </div>
              <ul className={`grid flex-1 gap-y-1 grid-cols-${range.days}`}>
                {lane.items.map((item) => {
                  const start = dayOf(range, item.startsOn)
                  const end = dayOf(range, item.endsOn)
                  const before = item.startsOn < range.from
                  const after = item.endsOn > range.to
                  const overlapNames = item.overlaps.map((o) => o.name).join(', ')
                  const label = [
                    t('bar', {
                      name: item.name,
                      from: item.startsOn,
                      to: item.endsOn,
                      status: tp(`status.${item.status}`),
                    }),
                    overlapNames ? t('barOverlaps', { names: overlapNames }) : '',
                    before || after ? t('continues') : '',
                  ]
                    .filter(Boolean)
                    .join('; ')
                  return (
                    <li
                      key={item.id}
                      className={`col-start-${start + 1} col-span-${end - start + 1} row-start-${Math.min(item.row + 1, 24)} min-w-0`}
                    >
                      <Link
                        to={`/promotions/${item.id}`}
                        aria-label={label}
                        title={label}
                        className={`flex items-center gap-1 truncate rounded px-1.5 py-0.5 text-xs font-medium hover:brightness-95 ${statusClass[item.status]} ${before ? 'rounded-s-none' : ''} ${after ? 'rounded-e-none' : ''} ${item.overlaps.length ? 'ring-2 ring-red-600 ring-inset' : ''}`}
                      >
                        <span className="truncate">{item.name}</span>
                        {item.overlaps.length ? (
                          <span className="shrink-0 rounded bg-red-600 px-1 text-white" aria-hidden="true">
                            {t('overlapCount', { count: item.overlaps.length })}
                          </span>
                        ) : null}
                      </Link>
                    </li>
                  )
                })}
              </ul>
            </section>
          )
        })}
      </div>
    </div>
  )
}

export function CalendarLegend() {
  const { t } = useTranslation('calendar')
  const { t: tp } = useTranslation('promotions')
  return (
    <section aria-labelledby="legend-title" className="mt-4 text-xs">
      <h2 id="legend-title" className="mb-1 font-medium text-slate-700">
        {t('legend.label')}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {promotionStatuses.map((s) => (
          <li key={s} className={`rounded px-2 py-0.5 ${statusClass[s]}`}>
            {tp(`status.${s}`)}
          </li>
        ))}
        <li className="rounded px-2 py-0.5 ring-2 ring-red-600 ring-inset">{t('legend.overlap')}</li>
      </ul>
    </section>
  )
}
