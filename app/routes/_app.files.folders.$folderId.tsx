import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { LocalTime } from '#app/components/admin/local-time.tsx'
import { NewFolderForm } from '#app/components/files/new-folder-form.tsx'
import { UploadFiles } from '#app/components/files/upload-files.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { createFolder } from '#app/features/documents/create-folder.server.ts'
import { folderFormReply } from '#app/features/documents/folder-reply.server.ts'
import { getFolder } from '#app/features/documents/get-folder.server.ts'
import { formatBytes } from '#app/features/documents/names.ts'
import { runService } from '#app/features/service-context.server.ts'
import { orRespond } from '#app/lib/errors.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { readSearch } from '#app/lib/query.ts'
import { uploadLimitBytes } from '#app/lib/storage/index.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'files', data?.folder.name) },
]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const url = new URL(request.url)
  const q = readSearch(url)
  const page = readPage(url)
  const view = await orRespond(() =>
    runService(auth, context, (ctx) => getFolder(ctx, params.folderId ?? '', { q, page })),
  )
  return { ...view, q, page: page.page, pageSize: page.pageSize, maxBytes: uploadLimitBytes() }
}

/** A subfolder of this folder. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'documents:folders')
  const result = await folderFormReply(request, (input) =>
    runService(auth, context, (ctx) =>
      createFolder(ctx, { name: input.name, parentId: params.folderId ?? '' }),
    ),
  )
  return result.ok ? redirect(`/files/folders/${result.id}`) : result.reply
}

export default function FolderPage() {
  const view = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t, i18n } = useTranslation('files')
  const { folder, parent } = view
  return (
    <>
      <nav aria-label={t('folder.breadcrumbs')} className="mb-2 text-sm">
        <Link to="/files" className="text-brand-700 hover:underline">
          {t('title')}
        </Link>
        {parent ? (
          <>
            {' / '}
            <Link to={`/files/folders/${parent.id}`} className="text-brand-700 hover:underline">
              {parent.name}
            </Link>
          </>
        ) : null}
      </nav>
      <PageHeader
        title={folder.name}
        description={
          folder.partnerName ? t('folder.sharedWith', { name: folder.partnerName }) : t('folder.internal')
        }
      />
      {view.canUpload ? <UploadFiles folderId={folder.id} maxBytes={view.maxBytes} /> : null}
      {view.subfolders.length || view.canCreateFolder ? (
        <section aria-labelledby="subfolders" className="mb-6">
          <h2 id="subfolders" className="mb-2 text-sm font-semibold text-slate-900">
            {t('folder.subfolders')}
          </h2>
          <ul className="mb-3 flex flex-wrap gap-2">
            {view.subfolders.map((f) => (
              <li key={f.id}>
                <Link
                  to={`/files/folders/${f.id}`}
                  className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50"
                >
                  📁 {f.name}
                </Link>
              </li>
            ))}
          </ul>
          {view.canCreateFolder ? <NewFolderForm lastResult={lastResult} /> : null}
        </section>
      ) : null}
      <SearchBox label={t('folder.search')} defaultValue={view.q} className="mb-3 flex max-w-md gap-2" />
      {view.documents.length === 0 ? (
        <EmptyState
          title={view.q ? t('folder.noMatch') : t('folder.empty')}
          body={view.q ? undefined : view.canUpload ? t('folder.emptyUpload') : undefined}
        />
      ) : (
        <table className="w-full rounded-lg border border-slate-200 bg-white text-sm">
          <caption className="sr-only">{t('folder.documents')}</caption>
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-start">
                {t('doc.name')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('doc.version')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('doc.size')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('doc.uploadedBy')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('doc.updated')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {view.documents.map((d) => (
              <tr key={d.id}>
                <td className="px-3 py-2">
                  <Link to={`/files/${d.id}`} className="font-medium text-brand-700 hover:underline">
                    {d.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-end">v{formatNumber(d.version, i18n.language)}</td>
                <td className="px-3 py-2 text-end">{formatBytes(d.byteSize, i18n.language)}</td>
                <td className="px-3 py-2 text-slate-600">
                  {d.uploadedBy ?? '—'} <span className="text-xs">({d.uploaderOrg})</span>
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <LocalTime value={d.updatedAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={view.page} pageSize={view.pageSize} total={view.total} />
    </>
  )
}
