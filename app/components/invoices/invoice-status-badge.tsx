import { useTranslation } from 'react-i18next'
import { Badge, type Tone } from '#app/components/ui/badge.tsx'
import type { InvoiceDisplayStatus } from '#app/features/invoices/invoice-status.ts'

const tones: Record<InvoiceDisplayStatus, Tone> = {
  draft: 'slate',
  issued: 'blue',
  partially_paid: 'amber',
  paid: 'green',
  overdue: 'red',
  void: 'slate',
}

export function InvoiceStatusBadge({ status }: { status: InvoiceDisplayStatus }) {
  const { t } = useTranslation('invoices')
  return <Badge tone={tones[status]}>{t(`status.${status}`)}</Badge>
}
