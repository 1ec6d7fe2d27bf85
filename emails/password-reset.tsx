import type { TFunction } from 'i18next'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type PasswordResetEmailProps = {
  name: string
  resetUrl: string
  expiresInMinutes: number
}

type Props = PasswordResetEmailProps & { t: TFunction; locale: string }

export function passwordResetSubject(t: TFunction) {
  return t('passwordReset.subject')
}

export default function PasswordResetEmail({ t, locale, name, resetUrl, expiresInMinutes }: Props) {
  return (
    <BaseEmail locale={locale} preview={t('passwordReset.preview')}>
      <Title>{t('passwordReset.title')}</Title>
      <MainText>{t('passwordReset.greeting', { name })}</MainText>
      <MainText>{t('passwordReset.body')}</MainText>
      <CallToAction href={resetUrl} label={t('passwordReset.cta')} fallback={t('common.linkFallback')} />
      <MainText>{t('passwordReset.expiry', { count: expiresInMinutes })}</MainText>
      <MainText>{t('passwordReset.ignore')}</MainText>
      <Footer>{t('passwordReset.footer')}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  name: 'Adam Admin',
  resetUrl: 'http://localhost:3000/reset-password?token=preview',
  expiresInMinutes: 60,
}
