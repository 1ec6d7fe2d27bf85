import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ProductForm } from '#app/components/products/product-form.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { currencyOptions } from '#app/features/admin/schemas.ts'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { assertKeepsCatalogue } from '#app/features/products/access.server.ts'
import { createProduct } from '#app/features/products/create-product.server.ts'
import { productFormReply } from '#app/features/products/form-reply.server.ts'
import { ProductSchema } from '#app/features/products/schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'newProduct') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  return { defaultCurrency: auth.org.defaultCurrency, currencies: currencyOptions() }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  const submission = parseWithZod(await readForm(request), { schema: ProductSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() => runService(auth, context, (ctx) => createProduct(ctx, submission.value)))
  if (!result.ok) return productFormReply(request, auth, submission, result.error)
  return redirect(`/products/${result.value.id}?done=created`)
}

export default function NewProductPage() {
  const { defaultCurrency, currencies } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation('products')
  return (
    <>
      <PageHeader title={t('new.title')} description={t('new.description')} />
      <ProductForm
        defaultValue={{ unit: 'each', currency: defaultCurrency, taxRate: '0', active: true }}
        currencies={currencies}
        lastResult={lastResult}
        label={t('new.submit')}
        submittingLabel={t('new.submitting')}
        cancelTo="/products"
      />
    </>
  )
}
