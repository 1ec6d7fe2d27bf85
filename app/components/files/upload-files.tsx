import { useRevalidator } from '@remix-run/react'
import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '#app/features/documents/names.ts'

type Item = {
  key: string
  name: string
  size: number
  sent: number
  state: 'waiting' | 'uploading' | 'done' | 'failed'
  message?: string
}

type Reply = { version?: { version: number }; error?: string; maxBytes?: number }

/** Sends one file as the raw body with XMLHttpRequest, whose upload events give real progress. */
function sendFile(url: string, file: File, onProgress: (sent: number) => void) {
  return new Promise<{ status: number; body: Reply }>((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('content-type', 'application/octet-stream')
    xhr.upload.onprogress = (e) => onProgress(e.loaded)
    xhr.onload = () => {
      let body: Reply = {}
      try {
        body = JSON.parse(xhr.responseText) as Reply
      } catch {}
      resolve({ status: xhr.status, body })
    }
    xhr.onerror = () => resolve({ status: 0, body: { error: 'files:errors.network' } })
    xhr.send(file)
  })
}

/**
 * Drop files or pick them with the keyboard-accessible file input; they upload one after another with a progress
 * bar each, and each ends with what happened (new file, new version N, or why it was refused).
 */
export function UploadFiles({ folderId, maxBytes }: { folderId: string; maxBytes: number }) {
  const { t, i18n } = useTranslation('files')
  const inputId = useId()
  const [items, setItems] = useState<Item[]>([])
  const [dragging, setDragging] = useState(false)
  const busy = useRef(false)
  const revalidator = useRevalidator()

  const update = (key: string, change: Partial<Item>) =>
    setItems((all) => all.map((i) => (i.key === key ? { ...i, ...change } : i)))

  async function upload(files: File[]) {
    const queued = files.map((f, n) => ({
      key: `${Date.now()}-${n}-${f.name}`,
      name: f.name,
      size: f.size,
      sent: 0,
      state: 'waiting' as const,
      file: f,
    }))
    setItems((all) => [...queued.map(({ file: _file, ...item }) => item), ...all])
    if (busy.current) return
    busy.current = true
    for (const item of queued) {
      if (item.size > maxBytes) {
        update(item.key, {
          state: 'failed',
          message: t('errors.tooLarge', { max: formatBytes(maxBytes, i18n.language) }),
        })
        continue
      }
      update(item.key, { state: 'uploading' })
      const url = `/files/folders/${folderId}/upload?name=${encodeURIComponent(item.name)}`
      const { status, body } = await sendFile(url, item.file, (sent) => update(item.key, { sent }))
      if (status === 201 && body.version) {
        update(item.key, {
          state: 'done',
          sent: item.size,
          message:
            body.version.version > 1
              ? t('upload.newVersion', { version: body.version.version })
              : t('upload.added'),
        })
      } else {
        const message = body.error
          ? body.error.startsWith('files:')
            ? t(body.error, { max: formatBytes(body.maxBytes ?? maxBytes, i18n.language) })
            : body.error
          : t('errors.server')
        update(item.key, { state: 'failed', message })
      }
    }
    busy.current = false
    revalidator.revalidate()
  }

  return (
    <section aria-labelledby={`${inputId}-title`} className="mb-6">
      <h2 id={`${inputId}-title`} className="sr-only">
        {t('upload.title')}
      </h2>
      {/* The drop zone is an extra for mouse users; the file input below is the keyboard path. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: drag and drop has no keyboard equivalent to bind. */}
      <div
        className={`rounded-lg border-2 border-dashed p-4 text-center text-sm ${dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 bg-white'}`}
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault()
          setDragging(false)
          void upload([...e.dataTransfer.files])
        }}
      >
        <p className="text-slate-600">{t('upload.drop', { max: formatBytes(maxBytes, i18n.language) })}</p>
        <label
          htmlFor={inputId}
          className="mt-2 inline-block cursor-pointer font-medium text-brand-700 underline"
        >
          {t('upload.choose')}
        </label>
        <input
          id={inputId}
          type="file"
          multiple
          className="sr-only"
          onChange={(e) => {
            void upload([...(e.target.files ?? [])])
            e.target.value = ''
          }}
        />
      </div>
      {items.length ? (
        <ul className="mt-3 space-y-2" aria-label={t('upload.progress')} aria-live="polite">
          {items.map((item) => (
            <li
              key={item.key}
              className="rounded border border-slate-200 bg-white px-3 py-2 text-sm"
              data-state={item.state}
            >
              <div className="flex justify-between gap-2">
                <span className="truncate font-medium">{item.name}</span>
                <span className="shrink-0 text-xs text-slate-500">
                  {t('upload.bytes', {
                    sent: formatBytes(item.sent, i18n.language),
                    total: formatBytes(item.size, i18n.language),
                  })}
                </span>
              </div>
              {item.state === 'uploading' || item.state === 'waiting' ? (
                <progress
                  className="mt-1 w-full"
                  max={item.size || 1}
                  value={item.sent}
                  aria-label={t('upload.progressOf', { name: item.name })}
                />
              ) : (
                <p
                  className={`mt-1 text-xs ${item.state === 'failed' ? 'text-red-700' : 'text-emerald-700'}`}
                  role={item.state === 'failed' ? 'alert' : undefined}
                >
                  {item.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
