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
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { createFolder } from '#app/features/documents/create-folder.server.ts'
import { folderFormReply } from '#app/features/documents/folder-reply.server.ts'
import { listFolders } from '#app/features/documents/list-folders.server.ts'
import { listPartnerships } from '#app/features/partners/list-partnerships.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'
import { readSearch } from '#app/lib/query.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'files') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'documents:read')
  const url = new URL(request.url)
  const q = readSearch(url)
  const page = readPage(url)
  const canCreate = can(auth.role, 'documents:folders')
  const [result, partners] = await runService(auth, context, (ctx) =>
    Promise.all([
      listFolders(ctx, { q, page }),
      canCreate ? listPartnerships(ctx, { page: 1, pageSize: 200, status: 'active' }) : null,
    ]),
  )
  // Labels are made in the page, in the reader's language; a null partner means internal.
  const scopes = canCreate
    ? [
        ...(can(auth.role, 'documents:internal') ? [{ value: 'internal', partner: null }] : []),
        ...(partners?.rows ?? []).map((p) => ({
          value: p.id,
          partner: p.counterparty.name as string | null,
        })),
      ]
    : null
  return { ...result, q, page: page.page, pageSize: page.pageSize, scopes }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'documents:folders')
  const result = await folderFormReply(request, (input) =>
    runService(auth, context, (ctx) =>
      createFolder(ctx, {
        name: input.name,
        partnershipId: input.scope && input.scope !== 'internal' ? input.scope : undefined,
      }),
    ),
  )
  return result.ok ? redirect(`/files/folders/${result.id}`) : result.reply
}

/** Every folder the caller can open: internal ones and those shared with each partner. */
export default function FilesIndex() {
  const { folders, total, q, page, pageSize, scopes } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('files')
  return (
    <>
      <PageHeader title={t('title')} description={t('index.description')} />
      {scopes?.length ? (
        <section
          aria-labelledby="new-folder"
          className="mb-6 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="new-folder" className="mb-2 text-sm font-semibold text-slate-900">
            {t('folder.new')}
          </h2>
          <NewFolderForm
            scopes={scopes.map((scope) => ({
              value: scope.value,
              label: scope.partner
                ? t('folder.scopeShared', { name: scope.partner })
                : t('folder.scopeInternal'),
            }))}
            lastResult={lastResult}
          />
        </section>
      ) : null}
      <SearchBox label={t('index.search')} defaultValue={q} className="mb-3 flex max-w-md gap-2" />
      {folders.length === 0 ? (
        <EmptyState
          title={q ? t('index.noMatch') : t('index.none')}
          body={q ? undefined : t('index.noneBody')}
        />
      ) : (
        <table className="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <thead className="bg-slate-50 text-start text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2 text-start">
                {t('index.folder')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('index.sharedWith')}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t('index.documents')}
              </th>
              <th scope="col" className="px-3 py-2 text-start">
                {t('index.updated')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {folders.map((f) => (
              <tr key={f.id}>
                <td className="px-3 py-2">
                  <Link to={`/files/folders/${f.id}`} className="font-medium text-brand-700 hover:underline">
                    {f.name}
                  </Link>
                </td>
                <td className="px-3 py-2 text-slate-600">{f.partnerName ?? t('index.internal')}</td>
                <td className="px-3 py-2 text-end">{f.documents}</td>
                <td className="px-3 py-2 text-slate-600">
                  {f.updatedAt ? <LocalTime value={f.updatedAt} /> : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  )
}
