import { useTranslation } from 'react-i18next'
import { Badge, type Tone } from '#app/components/ui/badge.tsx'
import type { QuoteDisplayStatus } from '#app/features/quotes/quote-status.ts'

const tones: Record<QuoteDisplayStatus, Tone> = {
  draft: 'slate',
  sent: 'blue',
  viewed: 'blue',
  accepted: 'green',
  declined: 'red',
  expired: 'amber',
}

export function QuoteStatusBadge({ status }: { status: QuoteDisplayStatus }) {
  const { t } = useTranslation('quotes')
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>
}
