import { Form, useFetcher } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { loader as channelLoader } from '#app/routes/_app.chat.$channelId.tsx'
import { ChatPanel } from './chat-panel.tsx'

/**
 * A record's own discussion, shown beside it: the thread's live panel once someone opened it, else a button
 * that opens it (a POST: opening creates the thread).
 */
export function RecordThread({ channelId, openAction }: { channelId: string | null; openAction: string }) {
  const { t } = useTranslation('chat')
  const fetcher = useFetcher<typeof channelLoader>()
  useEffect(() => {
    if (channelId && fetcher.state === 'idle' && !fetcher.data) fetcher.load(`/chat/${channelId}`)
  }, [channelId, fetcher])
  return (
    <section id="discussion" aria-labelledby="discussion-title" className="mt-8">
      <h2 id="discussion-title" className="mb-2 text-lg font-semibold text-slate-900">
        {t('thread.title')}
      </h2>
      {!channelId ? (
        <Form
          method="post"
          action={openAction}
          className="rounded-lg border border-dashed border-slate-300 p-4"
        >
          <p className="mb-2 text-sm text-slate-600">{t('thread.none')}</p>
          <button
            type="submit"
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
          >
            {t('thread.start')}
          </button>
        </Form>
      ) : fetcher.data ? (
        <ChatPanel view={fetcher.data.view} me={fetcher.data.me} compact />
      ) : (
        <p className="text-sm text-slate-500">{t('panel.loading')}</p>
      )}
    </section>
  )
}
