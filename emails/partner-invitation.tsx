import type { TFunction } from 'i18next'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { formatExpiry } from './components/format.ts'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type PartnerInvitationEmailProps = {
  hostOrgName: string
  partnerOrgName: string
  acceptUrl: string
  expiresAt: Date | string
}

type Props = PartnerInvitationEmailProps & { t: TFunction; locale: string }

export function partnerInvitationSubject(t: TFunction, props: PartnerInvitationEmailProps) {
  return t('partnerInvitation.subject', { hostOrgName: props.hostOrgName })
}

export default function PartnerInvitationEmail({
  t,
  locale,
  hostOrgName,
  partnerOrgName,
  acceptUrl,
  expiresAt,
}: Props) {
  return (
    <BaseEmail locale={locale} preview={t('partnerInvitation.preview', { hostOrgName })}>
      <Title>{t('partnerInvitation.title', { hostOrgName })}</Title>
      <MainText>{t('partnerInvitation.body', { hostOrgName, partnerOrgName })}</MainText>
      <MainText>{t('partnerInvitation.admin', { partnerOrgName })}</MainText>
      <CallToAction href={acceptUrl} label={t('partnerInvitation.cta')} fallback={t('common.linkFallback')} />
      <MainText>{t('partnerInvitation.expiry', { date: formatExpiry(expiresAt, locale) })}</MainText>
      <Footer>{t('partnerInvitation.footer', { hostOrgName })}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  hostOrgName: 'Acme Appliances',
  partnerOrgName: 'Brightside Retail',
  acceptUrl: 'http://localhost:3000/invitations/accept?token=preview',
  expiresAt: '2026-12-01T12:00:00Z',
}
