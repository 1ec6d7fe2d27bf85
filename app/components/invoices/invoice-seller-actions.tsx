import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'

/** The header's seller actions; forms that change the invoice sit below the document. */
export function InvoiceSellerActions({ invoiceId, canEdit }: { invoiceId: string; canEdit: boolean }) {
  const { t } = useTranslation('invoices')
  if (!canEdit) return null
  return (
    <Link to={`/invoices/${invoiceId}/edit`} className={buttonClass('secondary')}>
      {t('actions.edit')}
    </Link>
  )
}
