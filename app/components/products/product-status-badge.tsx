import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'

export function ProductStatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation('products')
  return <Badge tone={active ? 'green' : 'slate'}>{t(active ? 'status.active' : 'status.inactive')}</Badge>
}
