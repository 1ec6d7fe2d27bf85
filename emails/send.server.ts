import { render } from '@react-email/render'
import type { TFunction } from 'i18next'
import nodemailer from 'nodemailer'
import { createElement, type ReactElement } from 'react'
import { getFixedT } from '#app/lib/i18n/i18n.server.ts'
import { getConfig } from '#config/env.ts'
import type { Tx } from '#db/client.ts'
import { emailOutbox } from '#db/schema/index.ts'
import { asSystem } from '#db/tenant.ts'
import ChatDigestEmail, { type ChatDigestEmailProps, chatDigestSubject } from './chat-digest.tsx'
import InvitationEmail, { type InvitationEmailProps, invitationSubject } from './invitation.tsx'
import InvoiceIssuedEmail, { type InvoiceIssuedEmailProps, invoiceIssuedSubject } from './invoice-issued.tsx'
import InvoiceReminderEmail, {
  type InvoiceReminderEmailProps,
  invoiceReminderSubject,
} from './invoice-reminder.tsx'
import NotificationDigestEmail, {
  type NotificationDigestEmailProps,
  notificationDigestSubject,
} from './notification-digest.tsx'
import PartnerInvitationEmail, {
  type PartnerInvitationEmailProps,
  partnerInvitationSubject,
} from './partner-invitation.tsx'
import PasswordResetEmail, { type PasswordResetEmailProps, passwordResetSubject } from './password-reset.tsx'
import QuoteSentEmail, { type QuoteSentEmailProps, quoteSentSubject } from './quote-sent.tsx'

type Templates = {
  invitation: InvitationEmailProps
  'partner-invitation': PartnerInvitationEmailProps
  'password-reset': PasswordResetEmailProps
  'quote-sent': QuoteSentEmailProps
  'invoice-reminder': InvoiceReminderEmailProps
  'invoice-issued': InvoiceIssuedEmailProps
  'chat-digest': ChatDigestEmailProps
  'notification-digest': NotificationDigestEmailProps
}

export type TemplateName = keyof Templates

type Built = { subject: string; element: ReactElement }
type Builders = { [K in TemplateName]: (t: TFunction, locale: string, props: Templates[K]) => Built }

const builders: Builders = {
  invitation: (t, locale, props) => ({
    subject: invitationSubject(t, props),
    element: createElement(InvitationEmail, { t, locale, ...props }),
  }),
  'partner-invitation': (t, locale, props) => ({
    subject: partnerInvitationSubject(t, props),
    element: createElement(PartnerInvitationEmail, { t, locale, ...props }),
  }),
  'password-reset': (t, locale, props) => ({
    subject: passwordResetSubject(t),
    element: createElement(PasswordResetEmail, { t, locale, ...props }),
  }),
  'quote-sent': (t, locale, props) => ({
    subject: quoteSentSubject(t, props),
    element: createElement(QuoteSentEmail, { t, locale, ...props }),
  }),
  'invoice-reminder': (t, locale, props) => ({
    subject: invoiceReminderSubject(t, props),
    element: createElement(InvoiceReminderEmail, { t, locale, ...props }),
  }),
  'invoice-issued': (t, locale, props) => ({
    subject: invoiceIssuedSubject(t, props),
    element: createElement(InvoiceIssuedEmail, { t, locale, ...props }),
  }),
  'chat-digest': (t, locale, props) => ({
    subject: chatDigestSubject(t, props),
    element: createElement(ChatDigestEmail, { t, locale, ...props }),
  }),
  'notification-digest': (t, locale, props) => ({
    subject: notificationDigestSubject(t, props),
    element: createElement(NotificationDigestEmail, { t, locale, ...props }),
  }),
}

export type SendEmailInput<K extends TemplateName> = {
  /** The org the email belongs to: its owners read it in the outbox when SMTP is not configured. */
  orgId: string
  to: string
  locale: string
  template: K
  props: Templates[K]
  /**
   * The caller's RLS-scoped transaction, when orgId is the caller's org: the outbox row then commits (or rolls back)
   * with the change that caused the email. Without it the row is written on the owner path (no tenant signed in).
   */
  tx?: Tx
}

export type SendEmailResult =
  | { delivered: 'smtp' | 'outbox'; id: string; subject: string }
  | { delivered: 'log'; id: null; subject: string; text: string }

// A reset link grants the account, and a person may belong to several orgs: no org owner may read it. Without SMTP
// it goes to the operator's log only.
const neverInOutbox = new Set<TemplateName>(['password-reset'])

/**
 * Renders a template to HTML and text, then sends it over SMTP (SMTP_URL) or keeps it in the org's outbox (or, for
 * credentials such as reset links, hands the text back for the operator's log).
 */
export async function sendEmail<K extends TemplateName>(input: SendEmailInput<K>): Promise<SendEmailResult> {
  const t = await getFixedT(input.locale, 'emails')
  const { subject, element } = builders[input.template](t, input.locale, input.props)
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  const config = getConfig()
  if (config.SMTP_URL) {
    // A transport per message: config (and so the URL) may change between calls, and volume is low.
    const transport = nodemailer.createTransport(config.SMTP_URL)
    try {
      const info = await transport.sendMail({ from: config.MAIL_FROM, to: input.to, subject, html, text })
      return { delivered: 'smtp', id: info.messageId, subject }
    } finally {
      transport.close()
    }
  }
  if (neverInOutbox.has(input.template)) return { delivered: 'log', id: null, subject, text }
  const insert = (tx: Tx) =>
    tx
      .insert(emailOutbox)
      .values({ orgId: input.orgId, template: input.template, toAddress: input.to, subject, html, text })
      .returning({ id: emailOutbox.id })
  const [row] = input.tx ? await insert(input.tx) : await asSystem(insert)
  return { delivered: 'outbox', id: row.id, subject }
}
