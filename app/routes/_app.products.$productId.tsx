import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProductActivationForm } from '#app/components/products/product-activation-form.tsx'
import { ProductForm } from '#app/components/products/product-form.tsx'
import { ProductSummary } from '#app/components/products/product-summary.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions } from '#app/features/admin/schemas.ts'
import { can } from '#app/features/auth/permissions.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { keepsCatalogue } from '#app/features/products/access.server.ts'
import { getProduct } from '#app/features/products/get-product.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { notFound } from '#app/lib/errors.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { IdSchema } from '#app/lib/ids.ts'
import { bpToPercent, toDecimalString } from '#app/lib/money.ts'
import { productAction } from './_app.products.$productId.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'products', data?.product.sku) },
]

const notices = ['created', 'saved', 'activated', 'deactivated'] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:read')
  const id = IdSchema.safeParse(params.productId)
  if (!id.success) notFound()
  const product = await runService(auth, context, (ctx) => getProduct(ctx, id.data))
  if (!product) notFound()
  const canManage = keepsCatalogue(auth.org.kind) && can(auth.role, 'products:manage')
  const done = new URL(request.url).searchParams.get('done')
  return {
    product,
    canManage,
    currencies: canManage ? currencyOptions() : [],
    timeZone: auth.org.timeZone,
    done: notices.find((n) => n === done) ?? null,
  }
}

export const action = productAction

export default function ProductPage() {
  const { product, canManage, currencies, timeZone, done } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('products')
  // Both forms post here; each shows only the answer to its own submission.
  const fromEdit = lastResult?.initialValue?.intent === 'save'
  return (
    <>
      <Link to="/products" className="text-sm text-brand-700 hover:underline">
        {t('detail.back')}
      </Link>
      <PageHeader title={product.name} description={product.sku} />
      {done && !lastResult ? <Notice tone="success">{t(`detail.${done}`)}</Notice> : null}
      <div className="space-y-8">
        <ProductSummary product={product} timeZone={timeZone} />
        {canManage ? (
          <>
            <section aria-labelledby="edit-title" className="space-y-3">
              <h2 id="edit-title" className="text-lg font-semibold">
                {t('detail.edit')}
              </h2>
              <ProductForm
                // A new version (someone's save) remounts the form; the reply keeps the typed values.
                key={product.version}
                version={product.version}
                defaultValue={{
                  sku: product.sku,
                  name: product.name,
                  description: product.description,
                  unit: product.unit,
                  unitPrice: toDecimalString(product.unitPrice, product.currency),
                  currency: product.currency,
                  taxRate: bpToPercent(product.taxRateBp),
                }}
                currencies={currencies}
                lastResult={fromEdit ? lastResult : null}
                label={t('detail.submit')}
                submittingLabel={t('detail.submitting')}
                cancelTo="/products"
              />
            </section>
            <ProductActivationForm
              active={product.active}
              version={product.version}
              errors={!fromEdit ? (lastResult?.error?.[''] ?? undefined) : undefined}
            />
          </>
        ) : (
          <p className="text-sm text-slate-600">{t('detail.readOnly')}</p>
        )}
      </div>
    </>
  )
}
