import type { TFunction } from 'i18next'
import type { Role } from '#db/schema/organizations.ts'
import { BaseEmail } from './components/base-email.tsx'
import { CallToAction } from './components/call-to-action.tsx'
import { Footer } from './components/footer.tsx'
import { formatExpiry } from './components/format.ts'
import { MainText } from './components/main-text.tsx'
import { previewT } from './components/preview-t.ts'
import { Title } from './components/title.tsx'

export type InvitationEmailProps = {
  orgName: string
  inviterName: string
  role: Role
  acceptUrl: string
  expiresAt: Date | string
}

type Props = InvitationEmailProps & { t: TFunction; locale: string }

export function invitationSubject(t: TFunction, props: InvitationEmailProps) {
  return t('invitation.subject', { orgName: props.orgName })
}

export default function InvitationEmail({
  t,
  locale,
  orgName,
  inviterName,
  role,
  acceptUrl,
  expiresAt,
}: Props) {
  const roleLabel = t(`roles.${role}`)
  return (
    <BaseEmail locale={locale} preview={t('invitation.preview', { inviterName, orgName })}>
      <Title>{t('invitation.title', { orgName })}</Title>
      <MainText>{t('invitation.body', { inviterName, orgName, role: roleLabel })}</MainText>
      <CallToAction href={acceptUrl} label={t('invitation.cta')} fallback={t('common.linkFallback')} />
      <MainText>{t('invitation.expiry', { date: formatExpiry(expiresAt, locale) })}</MainText>
      <Footer>{t('invitation.footer')}</Footer>
    </BaseEmail>
  )
}

export const PreviewProps: Props = {
  t: previewT(),
  locale: 'en',
  orgName: 'Acme Appliances',
  inviterName: 'Adam Admin',
  role: 'manager',
  acceptUrl: 'http://localhost:3000/invitations/accept?token=preview',
  expiresAt: '2026-12-01T12:00:00Z',
}
