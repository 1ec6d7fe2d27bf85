import { useTranslation } from 'react-i18next'
import { Badge, type Tone } from '#app/components/ui/badge.tsx'
import type { ClaimStatus } from '#db/schema/claims.ts'

const tones: Record<ClaimStatus, Tone> = {
  submitted: 'amber',
  approved: 'green',
  partially_approved: 'blue',
  rejected: 'red',
  settled: 'slate',
}

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation('claims')
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>
}
