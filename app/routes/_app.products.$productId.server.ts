import { parseWithZod } from '@conform-to/zod'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { assertKeepsCatalogue } from '#app/features/products/access.server.ts'
import { productFormReply } from '#app/features/products/form-reply.server.ts'
import { ProductEditSchema, ProductStatusSchema } from '#app/features/products/schemas.ts'
import { setProductActive } from '#app/features/products/set-product-active.server.ts'
import { updateProduct } from '#app/features/products/update-product.server.ts'
import { runService } from '#app/features/service-context.server.ts'
import { attempt, notFound } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { IdSchema } from '#app/lib/ids.ts'

/** Two forms post here: the edit form (intent "save") and the activate/deactivate button. */
export async function productAction({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'products:manage')
  assertKeepsCatalogue(auth)
  const id = IdSchema.safeParse(params.productId)
  if (!id.success) notFound()
  const formData = await readForm(request)
  const intent = formData.get('intent')
  if (intent === 'activate' || intent === 'deactivate') {
    const submission = parseWithZod(formData, { schema: ProductStatusSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const { version } = submission.value
    const active = submission.value.intent === 'activate'
    const result = await attempt(() =>
      runService(auth, context, (ctx) => setProductActive(ctx, { id: id.data, active, version })),
    )
    if (!result.ok) return productFormReply(request, auth, submission, result.error)
    return redirect(`/products/${id.data}?done=${active ? 'activated' : 'deactivated'}`)
  }
  const submission = parseWithZod(formData, { schema: ProductEditSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await attempt(() =>
    runService(auth, context, (ctx) => updateProduct(ctx, { ...submission.value, id: id.data })),
  )
  if (!result.ok) return productFormReply(request, auth, submission, result.error)
  return redirect(`/products/${id.data}?done=saved`)
}
