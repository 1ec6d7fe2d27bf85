import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requireUser } from '#app/features/auth/require.server.ts'
import { countPartnershipsByStatus } from '#app/features/partners/count-partnerships.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { formatNumber } from '#app/lib/i18n/format-number.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'dashboard') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request)
  const counts = can(auth.role, 'partners:read')
    ? await runService(auth, context, countPartnershipsByStatus)
    : null
  return { name: auth.user.name, orgName: auth.org.name, counts }
}

export default function Dashboard() {
  const { name, orgName, counts } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name })} description={orgName} />
      {counts ? (
        <section aria-labelledby="partnership-summary" className="grid gap-4 sm:grid-cols-4">
          <h2 id="partnership-summary" className="sr-only">
            {t('dashboard.partnerships')}
          </h2>
          {(['active', 'invited', 'suspended', 'ended'] as const).map((status) => (
            <Link
              key={status}
              to={`/partners?status=${status}`}
              className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-brand-600"
            >
              <p className="text-sm text-slate-600">{t(`partnershipStatus.${status}`)}</p>
              <p className="mt-1 text-2xl font-semibold">
                {formatNumber(counts[status] ?? 0, i18n.language)}
              </p>
            </Link>
          ))}
        </section>
      ) : null}
    </>
  )
}
