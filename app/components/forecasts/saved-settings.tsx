import { useTranslation } from 'react-i18next'
import type { SetupValues } from '#app/features/forecasts/schemas.ts'

/** The settings someone else saved meanwhile, beside the form that still holds what this person typed. */
export function SavedSettings({ values }: { values: SetupValues }) {
  const { t } = useTranslation('forecastSetup')
  const off = t('conflict.off')
  const rows: [string, string][] = [
    [t('form.name'), values.name],
    [t('form.horizonWeeks'), values.horizonWeeks],
    [t('form.unit'), t(`unit.${values.unit}`)],
    [t('form.gapPercent'), values.gapPercent ? `${values.gapPercent} %` : off],
    [t('form.gapUnits'), values.gapUnits || off],
    [t('form.shiftPercent'), values.shiftPercent ? `${values.shiftPercent} %` : off],
  ]
  return (
    <div
      role="alert"
      className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-600/30"
    >
      <p className="font-medium">{t('conflict.title')}</p>
      <p className="mb-2">{t('conflict.body')}</p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-amber-800">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
