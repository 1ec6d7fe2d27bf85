import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuditFilters } from '#app/components/admin/audit-filters.tsx'
import { AuditTable } from '#app/components/admin/audit-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { readAuditFilters } from '#app/features/admin/filters.ts'
import { listAuditEvents } from '#app/features/admin/list-audit-events.server.ts'
import { listMemberOptions } from '#app/features/admin/list-member-options.server.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'audit') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'audit:read')
  const filters = readAuditFilters(new URL(request.url))
  const { page, actors } = await runService(auth, context, async (ctx) => ({
    page: await listAuditEvents(ctx, {
      action: filters.action,
      actorId: filters.actor,
      before: filters.before,
    }),
    actors: await listMemberOptions(ctx),
  }))
  return { ...page, actors, filters, timeZone: auth.org.timeZone }
}

export default function AuditPage() {
  const { events, next, actors, filters, timeZone } = useLoaderData<typeof loader>()
  const { t } = useTranslation('admin')
  const location = useLocation()
  const pageHref = (before?: number) => {
    const params = new URLSearchParams(location.search)
    if (before) params.set('before', String(before))
    else params.delete('before')
    return `${location.pathname}?${params}`
  }
  const filtered = Boolean(filters.action || filters.actor)
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description', { timeZone })} />
      <AuditFilters filters={filters} actors={actors} />
      {events.length === 0 ? (
        <EmptyState title={filtered || filters.before ? t('audit.emptyFiltered') : t('audit.empty')} />
      ) : (
        <AuditTable events={events} timeZone={timeZone} />
      )}
      <nav aria-label={t('common:pagination.label')} className="mt-4 flex gap-2 text-sm">
        {filters.before ? (
          <Link to={pageHref()} className={buttonClass('secondary')}>
            {t('audit.newest')}
          </Link>
        ) : null}
        {next ? (
          <Link to={pageHref(next)} rel="next" className={buttonClass('secondary')}>
            {t('audit.older')}
          </Link>
        ) : null}
      </nav>
    </>
  )
}
