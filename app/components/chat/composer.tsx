import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type ChannelMember, MAX_MESSAGE_LENGTH, type MessageDTO } from '#app/features/chat/message-types.ts'

export type Attachable = { id: string; name: string }

type Props = {
  members: ChannelMember[]
  attachable: Attachable[]
  replyTo: MessageDTO | null
  onCancelReply: () => void
  onTyping: () => void
  onSend: (draft: { body: string; replyToId?: number; mentions: string[]; attachmentIds: string[] }) => void
}

/** The message box: Enter sends, Shift+Enter breaks the line, "@" suggests channel members, files attach. */
export function Composer({ members, attachable, replyTo, onCancelReply, onTyping, onSend }: Props) {
  const { t } = useTranslation('chat')
  const [body, setBody] = useState('')
  const [mentions, setMentions] = useState<string[]>([])
  const [attachmentIds, setAttachmentIds] = useState<string[]>([])
  const [query, setQuery] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const box = useRef<HTMLTextAreaElement>(null)

  const suggestions =
    query === null
      ? []
      : members.filter((m) => m.name.toLowerCase().includes(query.toLowerCase())).slice(0, 6)

  function update(value: string) {
    setBody(value)
    onTyping()
    const caret = box.current?.selectionStart ?? value.length
    const match = /(^|\s)@([^\s@]{0,30})$/.exec(value.slice(0, caret))
    setQuery(match ? match[2] : null)
    setActive(0)
  }

  function pick(member: ChannelMember) {
    const caret = box.current?.selectionStart ?? body.length
    const before = body.slice(0, caret).replace(/@([^\s@]{0,30})$/, `@${member.name} `)
    setBody(before + body.slice(caret))
    setMentions((list) => (list.includes(member.id) ? list : [...list, member.id]))
    setQuery(null)
    box.current?.focus()
  }

  function submit() {
    const text = body.trim()
    if (!text) return
    onSend({
      body: text,
      replyToId: replyTo?.id,
      mentions: mentions.filter((id) => text.includes(`@${members.find((m) => m.id === id)?.name}`)),
      attachmentIds,
    })
    setBody('')
    setMentions([])
    setAttachmentIds([])
    onCancelReply()
  }

  return (
    <form
      className="border-t border-slate-200 p-3"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      {replyTo ? (
        <div className="mb-2 flex items-center justify-between rounded bg-slate-100 px-2 py-1 text-xs text-slate-700">
          <span>
            {t('composer.replyingTo', { name: replyTo.author.name })}{' '}
            <span className="italic">{replyTo.body.slice(0, 80)}</span>
          </span>
          <button type="button" className="text-slate-600 hover:underline" onClick={onCancelReply}>
            {t('composer.cancelReply')}
          </button>
        </div>
      ) : null}
      <div className="relative">
        <label htmlFor="chat-composer" className="sr-only">
          {t('composer.label')}
        </label>
        <textarea
          id="chat-composer"
          ref={box}
          rows={2}
          maxLength={MAX_MESSAGE_LENGTH}
          value={body}
          placeholder={t('composer.placeholder')}
          className="w-full resize-y rounded-md border border-slate-300 p-2 text-sm"
          aria-autocomplete="list"
          aria-controls={suggestions.length ? 'mention-list' : undefined}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => {
            if (suggestions.length) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault()
                const step = e.key === 'ArrowDown' ? 1 : -1
                setActive((i) => (i + step + suggestions.length) % suggestions.length)
                return
              }
              if (e.key === 'Enter' || e.key === 'Tab') {
                e.preventDefault()
                pick(suggestions[active])
                return
              }
              if (e.key === 'Escape') {
                setQuery(null)
                return
              }
            }
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault()
              submit()
            }
          }}
        />
        {suggestions.length ? (
          <div
            id="mention-list"
            role="listbox"
            aria-label={t('composer.mentions')}
            className="absolute bottom-full mb-1 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          >
            {suggestions.map((m, i) => (
              <div
                key={m.id}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={`cursor-pointer px-3 py-1 text-sm ${i === active ? 'bg-brand-50' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault()
                  pick(m)
                }}
              >
                {m.name} <span className="text-xs text-slate-500">{m.orgName}</span>
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <div className="mt-2 flex items-center justify-between gap-2">
        {attachable.length ? (
          <label className="flex items-center gap-2 text-xs text-slate-600">
            {t('composer.attach')}
            <select
              className="max-w-56 rounded border border-slate-300 px-1 py-0.5 text-xs"
              value=""
              onChange={(e) => {
                const id = e.target.value
                if (id) setAttachmentIds((list) => (list.includes(id) ? list : [...list, id]))
              }}
            >
              <option value="">{t('composer.chooseFile')}</option>
              {attachable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span />
        )}
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t('composer.send')}
        </button>
      </div>
      {attachmentIds.length ? (
        <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('composer.attached')}>
          {attachmentIds.map((id) => (
            <li key={id} className="flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs">
              📎 {attachable.find((d) => d.id === id)?.name}
              <button
                type="button"
                aria-label={t('composer.removeFile')}
                onClick={() => setAttachmentIds((list) => list.filter((x) => x !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  )
}
