import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatRate } from '#app/lib/money.ts'
import type { ForecastGrid, ForecastLine, GridException, SideLine } from '../grid-types.ts'

/** Figures, weeks, line names and rule texts in the reader's language, made once per language and grid. */
export function useGridFormat(grid: ForecastGrid) {
  const { t, i18n } = useTranslation('forecasts')
  const locale = i18n.language
  const { hostOrgName, partnerOrgName, rules } = grid.forecast
  const { publishedVersion } = grid
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale)
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`)
    const shortWeek = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' })
    const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' })
    const longWeek = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    })
    // Visible cells format their week and figure on every render: remembered, as the same few recur.
    const remember = (format: (key: string) => string) => {
      const known = new Map<string, string>()
      return (key: string) => {
        let text = known.get(key)
        if (text === undefined) {
          if (known.size > 5000) known.clear()
          text = format(key)
          known.set(key, text)
        }
        return text
      }
    }
    const numberText = remember((n) => number.format(Number(n)))
    const org = (side: SideLine) => (side === 'host' ? hostOrgName : partnerOrgName)
    const lineName = (line: ForecastLine) =>
      line === 'host' || line === 'partner' ? t('grid.line.side', { org: org(line) }) : t(`grid.line.${line}`)
    return {
      figure: (value: number | null | undefined) =>
        value === null || value === undefined ? '' : numberText(String(value)),
      week: remember((iso) => shortWeek.format(date(iso))),
      year: remember((iso) => year.format(date(iso))),
      weekLong: remember((iso) => longWeek.format(date(iso))),
      blank: t('grid.blank'),
      rate: (bp: number) => formatRate(bp, locale),
      org,
      lineName,
      rule: (e: Pick<GridException, 'rule'>) =>
        e.rule === 'side_gap'
          ? t('grid.rule.sideGap', {
              share: rules.gapBp === null ? '—' : formatRate(rules.gapBp, locale),
              units: rules.gapUnits === null ? '—' : number.format(rules.gapUnits),
            })
          : publishedVersion === null
            ? t('grid.rule.shiftNoVersion', {
                share: rules.shiftBp === null ? '—' : formatRate(rules.shiftBp, locale),
              })
            : t('grid.rule.shift', {
                share: rules.shiftBp === null ? '—' : formatRate(rules.shiftBp, locale),
                version: publishedVersion,
              }),
    }
  }, [t, locale, hostOrgName, partnerOrgName, rules, publishedVersion])
}

export type GridFormat = ReturnType<typeof useGridFormat>
