import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requireUser } from '#app/features/auth/require.server.ts'
import { getDownload } from '#app/features/downloads/get-download.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'download') }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const download = await orRespond(() =>
    runService(auth, context, (ctx) => getDownload(ctx, params.downloadId ?? '')),
  )
  const { id, status, done, total, fileName, byteSize, error, expired } = download
  return { id, status, done, total, fileName, byteSize, error, expired }
}

/** Progress of a background download; refreshes itself until the file is ready, then offers it. */
export default function DownloadPage() {
  const download = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('downloads')
  const revalidator = useRevalidator()
  const working = download.status === 'queued' || download.status === 'running'
  useEffect(() => {
    if (!working) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 1000)
    return () => clearInterval(timer)
  }, [working, revalidator])
  return (
    <>
      <PageHeader title={t('title')} description={download.fileName} />
      <section
        className="max-w-xl rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200"
        aria-live="polite"
      >
        {working ? (
          <>
            <p className="text-sm text-slate-700">
              {t(download.status === 'queued' ? 'queued' : 'running', {
                done: download.done,
                total: download.total,
              })}
            </p>
            {/* A native progress element: no inline style (the CSP allows none), announced by screen readers. */}
            <progress
              aria-label={t('progress')}
              max={download.total}
              value={download.done}
              className="mt-3 h-3 w-full overflow-hidden rounded-full [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-600"
            />
          </>
        ) : null}
        {download.status === 'ready' && !download.expired ? (
          <>
            <Notice tone="success">{t('ready', { count: download.total })}</Notice>
            <a href={`/downloads/${download.id}/file`} className={buttonClass('primary')} download>
              {t('download', {
                size: new Intl.NumberFormat(i18n.language, {
                  style: 'unit',
                  unit: 'kilobyte',
                  maximumFractionDigits: 0,
                }).format((download.byteSize ?? 0) / 1024),
              })}
            </a>
          </>
        ) : null}
        {download.expired ? <Notice tone="error">{t('expired')}</Notice> : null}
        {download.status === 'failed' ? (
          <Notice tone="error">{t('failed', { error: download.error })}</Notice>
        ) : null}
        <p className="mt-4 text-sm">
          <Link to="/invoices" className="text-brand-700 underline">
            {t('back')}
          </Link>
        </p>
      </section>
    </>
  )
}
