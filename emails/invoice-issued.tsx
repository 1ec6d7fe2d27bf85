import type { TFunction } from 'i18next'
import { formatMoney } from '#app/lib/money.ts'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type InvoiceIssuedEmailProps = {
  sellerName: string
  number: string
  total: number
  currency: string
  dueDate: string
  invoiceUrl: string
}

type Props = InvoiceIssuedEmailProps & { t: TFunction; locale: string }

export function invoiceIssuedSubject(t: TFunction, props: InvoiceIssuedEmailProps) {
  return t('invoiceIssued.subject', props)
}

export default function InvoiceIssuedEmail({ t, locale, ...props }: Props) {
  const total = formatMoney(props.total, props.currency, locale)
  const dueDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${props.dueDate}T00:00:00Z`),
  )
  return (
    <BaseEmail locale={locale} preview={t('invoiceIssued.preview', { ...props, total, dueDate })}>
      <Title>{t('invoiceIssued.title', props)}</Title>
      <MainText>{t('invoiceIssued.body', { ...props, total, dueDate })}</MainText>
      <CallToAction
        href={props.invoiceUrl}
        label={t('invoiceIssued.cta')}
        fallback={t('common.linkFallback')}
      />
      <Footer>{t('invoiceIssued.footer', props)}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  sellerName: 'Acme Appliances',
  number: 'INV-2026-0042',
  total: 1_234_500,
  currency: 'USD',
  dueDate: '2026-12-31',
  invoiceUrl: 'http://localhost:3000/invoices/preview',
}
