import { Form, Link, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Button, buttonClass } from '#app/components/ui/button.tsx'

type Props = {
  quoteId: string
  version: number
  canEdit: boolean
  canSend: boolean
  canRevise: boolean
  canInvoice: boolean
}

/** What the seller can do next with a quote; buttons that do not apply are not shown. */
export function QuoteSellerActions({ quoteId, version, canEdit, canSend, canRevise, canInvoice }: Props) {
  const { t } = useTranslation('quotes')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  return (
    <div className="flex flex-wrap gap-2">
      {canEdit ? (
        <Link to={`/quotes/${quoteId}/edit`} className={buttonClass('secondary')}>
          {t('actions.edit')}
        </Link>
      ) : null}
      {canSend ? (
        <Form method="post">
          <input type="hidden" name="intent" value="send" />
          <input type="hidden" name="version" value={version} />
          <Button disabled={busy}>{t('actions.send')}</Button>
        </Form>
      ) : null}
      {canRevise ? (
        <Form method="post">
          <input type="hidden" name="intent" value="revise" />
          <input type="hidden" name="version" value={version} />
          <Button variant="secondary" disabled={busy}>
            {t('actions.revise')}
          </Button>
        </Form>
      ) : null}
      {canInvoice ? (
        <Form method="post" action={`/quotes/${quoteId}/invoice`}>
          <Button disabled={busy}>{t('actions.invoice')}</Button>
        </Form>
      ) : null}
    </div>
  )
}
