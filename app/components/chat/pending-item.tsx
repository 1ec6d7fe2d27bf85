import { useTranslation } from 'react-i18next'
import type { Pending } from './use-chat-messages.ts'

/** A message on its way, or one that failed: retry re-sends with the same clientId, so it can never post twice. */
export function PendingItem({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: Pending
  onRetry: (clientId: string) => void
  onDiscard: (clientId: string) => void
}) {
  const { t } = useTranslation('chat')
  return (
    <li className="px-4 py-2 opacity-80" data-pending={pending.status}>
      <p className="whitespace-pre-wrap break-words text-sm text-slate-700">{pending.body}</p>
      {pending.status === 'sending' ? (
        <p className="text-xs text-slate-500">{t('pending.sending')}</p>
      ) : (
        <p role="alert" className="flex items-center gap-2 text-xs text-red-700">
          {t('pending.failed')} {pending.error ? t(pending.error) : null}
          <button type="button" className="font-medium underline" onClick={() => onRetry(pending.clientId)}>
            {t('pending.retry')}
          </button>
          <button
            type="button"
            className="text-slate-600 underline"
            onClick={() => onDiscard(pending.clientId)}
          >
            {t('pending.discard')}
          </button>
        </p>
      )}
    </li>
  )
}
