import type { TFunction } from 'i18next'
import { formatMoney } from '#app/lib/money.ts'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type QuoteSentEmailProps = {
  sellerName: string
  number: string
  title: string
  revision: number
  total: number
  currency: string
  validUntil: string
  quoteUrl: string
}

type Props = QuoteSentEmailProps & { t: TFunction; locale: string }

export function quoteSentSubject(t: TFunction, props: QuoteSentEmailProps) {
  return t(props.revision > 1 ? 'quoteSent.subjectRevised' : 'quoteSent.subject', props)
}

export default function QuoteSentEmail({ t, locale, ...props }: Props) {
  const total = formatMoney(props.total, props.currency, locale)
  const validUntil = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${props.validUntil}T00:00:00Z`),
  )
  return (
    <BaseEmail locale={locale} preview={t('quoteSent.preview', { ...props, total })}>
      <Title>{t('quoteSent.title', props)}</Title>
      <MainText>{t('quoteSent.body', { ...props, total, validUntil })}</MainText>
      <CallToAction href={props.quoteUrl} label={t('quoteSent.cta')} fallback={t('common.linkFallback')} />
      <Footer>{t('quoteSent.footer', props)}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  sellerName: 'Acme Appliances',
  number: 'Q-2026-0007',
  title: 'Spring range for 12 stores',
  revision: 1,
  total: 1_234_500,
  currency: 'USD',
  validUntil: '2026-12-31',
  quoteUrl: 'http://localhost:3000/quotes/preview',
}
