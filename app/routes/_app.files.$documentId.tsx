import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { UploadFiles } from '#app/components/files/upload-files.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { getDocument } from '#app/features/documents/get-document.server.ts'
import { formatBytes } from '#app/features/documents/names.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { uploadLimitBytes } from '#app/lib/storage/index.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'files', data?.document.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const page = readPage(new URL(request.url))
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => getDocument(ctx, params.documentId ?? '', page)),
  )
  return { ...view, maxBytes: uploadLimitBytes() }
}

/** One document: preview, every version with its download, and (for the owner side) who downloaded it. */
export default function DocumentPage() {
  const { document, folderName, versions, log, canUpload, maxBytes } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation('files')
  const current = versions[0]
  const base = `/files/${document.id}/versions`
  return (
    <>
      <nav aria-label={t('folder.breadcrumbs')} className="mb-2 text-sm">
        <Link to="/files" className="text-brand-700 hover:underline">
          {t('title')}
        </Link>
        {' / '}
        <Link to={`/files/folders/${document.folderId}`} className="text-brand-700 hover:underline">
          {folderName}
        </Link>
      </nav>
      <PageHeader
        title={document.name}
        description={
          document.partnerName ? t('folder.sharedWith', { name: document.partnerName }) : t('folder.internal')
        }
        actions={
          current ? (
            <a
              href={`${base}/${current.id}/download`}
              className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              {t('doc.download')}
            </a>
          ) : null
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <section aria-labelledby="preview-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="preview-title" className="mb-2 text-sm font-semibold text-slate-900">
            {t('doc.preview')}
          </h2>
          {current?.previewStatus === 'ready' ? (
            <img
              src={`${base}/${current.id}/preview`}
              alt={t('doc.previewAlt', { name: document.name })}
              className="max-h-[40rem] max-w-full rounded border border-slate-200"
            />
          ) : (
            <p className="text-sm text-slate-500">
              {current?.previewStatus === 'pending' ? t('doc.previewPending') : t('doc.noPreview')}
            </p>
          )}
        </section>
        <section aria-labelledby="versions-title">
          <h2 id="versions-title" className="mb-2 text-sm font-semibold text-slate-900">
            {t('doc.versions')}
          </h2>
          <ol className="space-y-2">
            {versions.map((v) => (
              <li key={v.id} className="rounded border border-slate-200 bg-white px-3 py-2 text-sm">
                <div className="flex justify-between">
                  <span className="font-medium">v{formatNumber(v.version, i18n.language)}</span>
                  <a
                    href={`${base}/${v.id}/download`}
                    className="text-brand-700 hover:underline"
                    aria-label={t('doc.downloadVersion', { version: v.version })}
                  >
                    {t('doc.download')}
                  </a>
                </div>
                <p className="text-xs text-slate-600">
                  {formatBytes(v.byteSize, i18n.language)} · {v.contentType}
                </p>
                <p className="text-xs text-slate-600">
                  {v.uploadedBy ?? '—'} ({v.uploaderOrg}) · <LocalTime value={v.createdAt} />
                </p>
              </li>
            ))}
          </ol>
          {canUpload ? (
            <div className="mt-4">
              <p className="mb-1 text-xs text-slate-600">{t('doc.newVersionHint')}</p>
              <UploadFiles folderId={document.folderId} maxBytes={maxBytes} />
            </div>
          ) : null}
        </section>
      </div>
      {log ? (
        <section aria-labelledby="log-title" className="mt-8">
          <h2 id="log-title" className="mb-2 text-sm font-semibold text-slate-900">
            {t('doc.log')}
          </h2>
          {log.rows.length === 0 ? (
            <p className="text-sm text-slate-500">{t('doc.logEmpty')}</p>
          ) : (
            <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
              <thead className="bg-slate-50 text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t('doc.who')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t('doc.org')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-end">
                    {t('doc.version')}
                  </th>
                  <th scope="col" className="px-3 py-2 text-start">
                    {t('doc.when')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {log.rows.map((r) => (
                  <tr key={r.id}>
                    <td className="px-3 py-2">{r.who ?? '—'}</td>
                    <td className="px-3 py-2 text-slate-600">{r.org}</td>
                    <td className="px-3 py-2 text-end">v{formatNumber(r.version, i18n.language)}</td>
                    <td className="px-3 py-2 text-slate-600">
                      <LocalTime value={r.at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pagination page={log.page} pageSize={log.pageSize} total={log.total} />
        </section>
      ) : null}
    </>
  )
}
