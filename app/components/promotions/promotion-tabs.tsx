import { useTranslation } from 'react-i18next'
import { TabLink } from '#app/components/ui/tab-link.tsx'

const tabs = [
  { path: '', labelKey: 'tabs.plan' },
  { path: '/volumes', labelKey: 'tabs.volumes' },
  { path: '/claims', labelKey: 'tabs.claims' },
  { path: '/outcome', labelKey: 'tabs.outcome' },
] as const

/** Tabs between the pages of one promotion (each is its own route: /promotions/:id, /promotions/:id/claims, …). */
export function PromotionTabs({ promotionId }: { promotionId: string }) {
  const { t } = useTranslation('promotions')
  return (
    <nav aria-label={t('tabs.label')} className="mb-6 border-b border-slate-200">
      <ul className="flex flex-wrap gap-1">
        {tabs.map((tab) => (
          <li key={tab.path}>
            <TabLink to={`/promotions/${promotionId}${tab.path}`} end>
              {t(tab.labelKey)}
            </TabLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
