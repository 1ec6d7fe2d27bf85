import { useTranslation } from 'react-i18next'
import { TabLink } from '#app/components/ui/tab-link.tsx'

const tabs = [
  { path: '', labelKey: 'tabs.grid' },
  { path: '/exceptions', labelKey: 'tabs.exceptions' },
  { path: '/versions', labelKey: 'tabs.versions' },
  { path: '/accuracy', labelKey: 'tabs.accuracy' },
  { path: '/setup', labelKey: 'tabs.setup' },
] as const

/** Tabs between the pages of one co-forecast plan (each is its own route: /forecasts/:id, /forecasts/:id/exceptions, …). */
export function ForecastTabs({ forecastId }: { forecastId: string }) {
  const { t } = useTranslation('forecasts')
  return (
    <nav aria-label={t('tabs.label')} className="mb-6 border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <TabLink to={`/forecasts/${forecastId}${tab.path}`} end>
              {t(tab.labelKey)}
            </TabLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
