import type { TFunction } from 'i18next'
import { formatMoney } from '#app/lib/money.ts'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type InvoiceReminderEmailProps = {
  sellerName: string
  number: string
  balance: number
  currency: string
  dueDate: string
  daysOverdue: number
  invoiceUrl: string
}

type Props = InvoiceReminderEmailProps & { t: TFunction; locale: string }

export function invoiceReminderSubject(t: TFunction, props: InvoiceReminderEmailProps) {
  return t('invoiceReminder.subject', props)
}

export default function InvoiceReminderEmail({ t, locale, ...props }: Props) {
  const balance = formatMoney(props.balance, props.currency, locale)
  const dueDate = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${props.dueDate}T00:00:00Z`),
  )
  return (
    <BaseEmail locale={locale} preview={t('invoiceReminder.preview', { ...props, balance })}>
      <Title>{t('invoiceReminder.title', props)}</Title>
      <MainText>
        {t('invoiceReminder.body', { ...props, balance, dueDate, count: props.daysOverdue })}
      </MainText>
      <CallToAction
        href={props.invoiceUrl}
        label={t('invoiceReminder.cta')}
        fallback={t('common.linkFallback')}
      />
      <Footer>{t('invoiceReminder.footer', props)}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  sellerName: 'Acme Appliances',
  number: 'INV-2026-0042',
  balance: 245_000,
  currency: 'USD',
  dueDate: '2026-11-01',
  daysOverdue: 22,
  invoiceUrl: 'http://localhost:3000/invoices/preview',
}
