import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { type ChannelMember, type MessageDTO, quickReactions } from '#app/features/chat/message-types.ts'
import { formatBytes } from '#app/features/documents/names.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { MessageBody } from './message-body.tsx'

type Props = {
  message: MessageDTO
  me: string
  members: ChannelMember[]
  canPost: boolean
  seenBy: string[]
  onReply: (message: MessageDTO) => void
  onChange: (message: MessageDTO, fields: [string, string][]) => Promise<string | null>
}

/** One message: author, time, reply context, text, files, reactions, and the author's edit/delete. */
export function MessageItem({ message, me, members, canPost, seenBy, onReply, onChange }: Props) {
  const { t, i18n } = useTranslation('chat')
  const [editing, setEditing] = useState(false)
  const [draft, setDraft] = useState(message.body)
  const [error, setError] = useState<string | null>(null)
  const mine = message.author.id === me
  const deleted = message.deletedAt !== null

  async function change(fields: [string, string][]) {
    const failure = await onChange(message, fields)
    setError(failure)
    return failure === null
  }

  return (
    <li
      className="group px-4 py-2 hover:bg-slate-50"
      data-message-id={message.id}
      aria-label={t('message.label', { name: message.author.name })}
    >
      <div className="flex items-baseline gap-2 text-sm">
        <span className="font-semibold text-slate-900">{message.author.name}</span>
        <span className="text-xs text-slate-500">{message.author.orgName}</span>
        <span className="text-xs text-slate-500">
          <LocalTime value={message.createdAt} />
        </span>
        {message.editedAt && !deleted ? (
          <span className="text-xs text-slate-500">{t('message.edited')}</span>
        ) : null}
      </div>
      {message.replyTo ? (
        <p className="mt-1 border-s-2 border-slate-300 ps-2 text-xs text-slate-600">
          {t('message.replyTo', { name: message.replyTo.authorName })}{' '}
          <span className="italic">{message.replyTo.excerpt || t('message.deletedShort')}</span>
        </p>
      ) : null}
      {deleted ? (
        <p className="mt-1 text-sm italic text-slate-500">{t('message.deleted')}</p>
      ) : editing ? (
        <form
          className="mt-1 flex flex-col gap-2"
          onSubmit={async (e) => {
            e.preventDefault()
            if (
              await change([
                ['intent', 'edit'],
                ['body', draft],
                ...message.mentions.map((id): [string, string] => ['mentions', id]),
              ])
            ) {
              setEditing(false)
            }
          }}
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            {t('message.editLabel')}
          </label>
          <textarea
            id={`edit-${message.id}`}
            className="w-full rounded-md border border-slate-300 p-2 text-sm"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={2}
          />
          <div className="flex gap-2">
            <button type="submit" className="text-sm font-medium text-brand-700">
              {t('message.save')}
            </button>
            <button type="button" className="text-sm text-slate-600" onClick={() => setEditing(false)}>
              {t('message.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="mt-0.5 whitespace-pre-wrap break-words text-sm text-slate-800">
          <MessageBody body={message.body} mentions={message.mentions} members={members} />
        </p>
      )}
      {message.attachments.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-2">
          {message.attachments.map((a) => (
            <li key={a.documentId}>
              <a
                href={`/files/${a.documentId}`}
                className="inline-flex items-center gap-1 rounded border border-slate-300 px-2 py-1 text-xs text-brand-700 hover:bg-white"
              >
                📎 {a.name} <span className="text-slate-500">({formatBytes(a.byteSize, i18n.language)})</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {!deleted && (message.reactions.length > 0 || canPost) ? (
        <div className="mt-1 flex flex-wrap items-center gap-1">
          {message.reactions.map((r) => (
            <button
              key={r.emoji}
              type="button"
              disabled={!canPost}
              aria-pressed={r.userIds.includes(me)}
              title={r.names.join(', ')}
              onClick={() =>
                void change([
                  ['intent', 'react'],
                  ['emoji', r.emoji],
                ])
              }
              className={`rounded-full border px-2 text-xs ${r.userIds.includes(me) ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white'}`}
            >
              {r.emoji} {formatNumber(r.count, i18n.language)}
            </button>
          ))}
          {canPost ? (
            <span className="flex gap-1 opacity-60 group-focus-within:opacity-100 group-hover:opacity-100">
              {quickReactions
                .filter((e) => !message.reactions.some((r) => r.emoji === e))
                .map((emoji) => (
                  <button
                    key={emoji}
                    type="button"
                    className="rounded px-1 text-xs hover:bg-slate-200"
                    aria-label={t('message.react', { emoji })}
                    onClick={() =>
                      void change([
                        ['intent', 'react'],
                        ['emoji', emoji],
                      ])
                    }
                  >
                    {emoji}
                  </button>
                ))}
              <button
                type="button"
                className="px-1 text-xs text-slate-600 hover:underline"
                onClick={() => onReply(message)}
              >
                {t('message.reply')}
              </button>
              {mine ? (
                <>
                  <button
                    type="button"
                    className="px-1 text-xs text-slate-600 hover:underline"
                    onClick={() => {
                      setDraft(message.body)
                      setEditing(true)
                    }}
                  >
                    {t('message.edit')}
                  </button>
                  <button
                    type="button"
                    className="px-1 text-xs text-red-700 hover:underline"
                    onClick={() => {
                      if (window.confirm(t('message.confirmDelete'))) void change([['intent', 'delete']])
                    }}
                  >
                    {t('message.delete')}
                  </button>
                </>
              ) : null}
            </span>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {t(error)}
        </p>
      ) : null}
      {seenBy.length > 0 ? (
        <p className="mt-1 text-end text-xs text-slate-500" data-testid="seen-by">
          {t('message.seenBy', { names: seenBy.join(', ') })}
        </p>
      ) : null}
    </li>
  )
}
