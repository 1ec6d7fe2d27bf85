import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProductFilters } from '#app/components/products/product-filters.tsx'
import { ProductTable } from '#app/components/products/product-table.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { Pagination } from '#app/components/ui/pagination.tsx'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { keepsCatalogue } from '#app/features/products/access.server.ts'
import { listProducts } from '#app/features/products/list-products.server.ts'
import { readProductFilters } from '#app/features/products/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readPage } from '#app/lib/pagination.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'products') }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:read')
  const url = new URL(request.url)
  const filters = readProductFilters(url)
  const page = readPage(url)
  const result = await runService(auth, context, (ctx) => listProducts(ctx, filters, page))
  const catalogue = keepsCatalogue(auth.org.kind)
  return {
    ...result,
    filters,
    catalogue,
    canManage: catalogue && can(auth.role, 'products:manage'),
  }
}

export default function ProductCatalogue() {
  const { rows, total, page, pageSize, filters, catalogue, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation('products')
  const filtered = Object.values(filters).some(Boolean)
  return (
    <>
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          catalogue ? (
            <>
              {canManage ? (
                <>
                  <Link to="/products/new" className={buttonClass('primary')}>
                    {t('list.new')}
                  </Link>
                  <Link to="/products/import" className={buttonClass('secondary')}>
                    {t('list.import')}
                  </Link>
                </>
              ) : null}
              {/* A file download, not a page: the browser must fetch it itself. */}
              <Link to="/products/export.csv" reloadDocument download className={buttonClass('secondary')}>
                {t('list.export')}
              </Link>
            </>
          ) : null
        }
      />
      {!catalogue ? (
        <EmptyState
          title={t('list.empty.notManufacturer.title')}
          body={t('list.empty.notManufacturer.body')}
        />
      ) : (
        <>
          {total > 0 || filtered ? <ProductFilters filters={filters} /> : null}
          {rows.length > 0 ? (
            <>
              <p className="mb-2 text-sm text-slate-600" aria-live="polite">
                {t('list.count', { count: total })}
              </p>
              <ProductTable rows={rows} />
              <Pagination page={page} pageSize={pageSize} total={total} />
            </>
          ) : filtered || total > 0 ? (
            <>
              <EmptyState title={t('list.empty.filtered.title')} body={t('list.empty.filtered.body')} />
              {/* A page past the end still offers the way back. */}
              <Pagination page={page} pageSize={pageSize} total={total} />
            </>
          ) : (
            <EmptyState title={t('list.empty.none.title')} body={t('list.empty.none.body')} />
          )}
        </>
      )}
    </>
  )
}
