import type { SubmissionResult } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Notice } from '#app/components/ui/notice.tsx'

/** The reply a claim form got back from its action (see claim-reply.server.ts). */
export type ClaimReplyData = {
  form: 'file' | 'decide' | 'settle' | 'proofs'
  claimId: string | null
  result: SubmissionResult<string[]>
  values: Record<string, string | number>
}

/** The form-level refusal (a service's reason, with its values), announced as an alert. */
export function ClaimFormError({ reply }: { reply: ClaimReplyData | null | undefined }) {
  const { t } = useTranslation('claims')
  const messages = reply?.result.error?.[''] ?? []
  if (messages.length === 0) return null
  return (
    <Notice tone="error">
      {messages.map((key) => (
        <span key={key} className="block">
          {t(key, reply?.values ?? {})}
        </span>
      ))}
    </Notice>
  )
}

/** The reply if it belongs to this form (and this claim), else nothing. */
export function replyFor(
  reply: ClaimReplyData | null | undefined,
  form: ClaimReplyData['form'],
  claimId: string | null = null,
) {
  if (!reply || reply.form !== form || (claimId && reply.claimId !== claimId)) return undefined
  return reply
}
