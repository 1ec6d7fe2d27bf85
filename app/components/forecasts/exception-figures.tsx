import { useTranslation } from 'react-i18next'
import { Badge, type Tone } from '#app/components/ui/badge.tsx'
import { MAX_VARIANCE_BP } from '#app/features/forecasts/exception-rules.ts'
import type { ForecastExceptionStatus, ForecastRule } from '#db/schema/forecasts.ts'
import { formatBp, formatDelta, formatUnits } from './format.ts'

type Names = { hostOrgName: string; partnerOrgName: string }

/** The two figures a rule compared, each named: the two sides' forecasts, or the consensus now and as published. */
export function useComparedLabels(rule: ForecastRule, names: Names) {
  const { t } = useTranslation('forecastExceptions')
  return rule === 'side_gap'
    ? [names.hostOrgName, names.partnerOrgName]
    : [t('figures.consensusNow'), t('figures.published')]
}

export function ExceptionFigures({
  rule,
  left,
  right,
  names,
}: {
  rule: ForecastRule
  left: number | null
  right: number | null
  names: Names
}) {
  const { i18n } = useTranslation('forecastExceptions')
  const [a, b] = useComparedLabels(rule, names)
  return (
    <span className="whitespace-nowrap">
      {a} {formatUnits(left, i18n.language)} · {b} {formatUnits(right, i18n.language)}
    </span>
  )
}

/** The gap in units (signed: first figure minus second) and as a share; a consensus from nothing says so. */
export function ExceptionVariance({ units, bp }: { units: number; bp: number }) {
  const { t, i18n } = useTranslation('forecastExceptions')
  return (
    <span className="whitespace-nowrap">
      {formatDelta(units, i18n.language)} (
      {bp >= MAX_VARIANCE_BP ? t('figures.fromNothing') : formatBp(bp, i18n.language)})
    </span>
  )
}

const tones: Record<ForecastExceptionStatus, Tone> = { open: 'amber', explained: 'blue', resolved: 'green' }

export function ExceptionStatus({
  status,
  breaking,
}: {
  status: ForecastExceptionStatus
  breaking: boolean
}) {
  const { t } = useTranslation('forecastExceptions')
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>
      {!breaking && status !== 'resolved' ? <Badge>{t('status.withinRule')}</Badge> : null}
    </span>
  )
}

type Rules = { gapBp: number | null; gapUnits: number | null; shiftBp: number | null }

/** The plan's rules in the words of the agreement ("more than 20 % and more than 50 units apart"). */
export function RulesSummary({ rules }: { rules: Rules }) {
  const { t, i18n } = useTranslation('forecastExceptions')
  const share = (bp: number) => formatBp(bp, i18n.language)
  const gapKey =
    rules.gapBp !== null && rules.gapUnits !== null
      ? 'rules.gapBoth'
      : rules.gapBp !== null
        ? 'rules.gapShare'
        : rules.gapUnits !== null
          ? 'rules.gapUnits'
          : 'rules.gapOff'
  return (
    <ul className="mb-4 list-disc space-y-0.5 ps-5 text-sm text-slate-600">
      <li>
        {t(gapKey, {
          share: rules.gapBp === null ? '' : share(rules.gapBp),
          units: formatUnits(rules.gapUnits, i18n.language),
        })}
      </li>
      <li>
        {rules.shiftBp === null ? t('rules.shiftOff') : t('rules.shift', { share: share(rules.shiftBp) })}
      </li>
    </ul>
  )
}
