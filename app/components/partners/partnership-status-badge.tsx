import { useTranslation } from 'react-i18next'
import { Badge } from '#app/components/ui/badge.tsx'
import type { PartnershipStatus } from '#db/schema/partnerships.ts'
import { statusTone } from './format.ts'

export function PartnershipStatusBadge({ status }: { status: PartnershipStatus }) {
  const { t } = useTranslation()
  return <Badge tone={statusTone[status]}>{t(`partnershipStatus.${status}`)}</Badge>
}
