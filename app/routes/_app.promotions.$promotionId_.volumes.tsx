import type { SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node'
import {
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useLoaderData,
  useLocation,
} from '@remix-run/react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ProductPicker } from '#app/components/promotions/product-picker.tsx'
import { PromotionProductList } from '#app/components/promotions/promotion-products.tsx'
import { PromotionTabs } from '#app/components/promotions/promotion-tabs.tsx'
import { VolumeGrid } from '#app/components/promotions/volume-grid.tsx'
import { SaveNotice, SuggestionPreview } from '#app/components/promotions/volumes-notices.tsx'
import { buttonClass } from '#app/components/ui/button.tsx'
import { Notice } from '#app/components/ui/notice.tsx'
import { PageHeader } from '#app/components/ui/page-header.tsx'
import { requirePermission } from '#app/features/auth/require.server.ts'
import { addPromotionProduct } from '#app/features/promotions/add-promotion-product.server.ts'
import { findPromotion } from '#app/features/promotions/find-promotion.server.ts'
import { getVolumesPage } from '#app/features/promotions/get-volumes-page.server.ts'
import { removePromotionProduct } from '#app/features/promotions/remove-promotion-product.server.ts'
import { saveVolumes, volumeLines } from '#app/features/promotions/save-volumes.server.ts'
import { setPromotionProductPrice } from '#app/features/promotions/set-promotion-product-price.server.ts'
import { readGridForm, suggestionEdits, unsavedEdits } from '#app/features/promotions/volume-grid-form.ts'
import {
  AddPromotionProductSchema,
  PromotionProductPriceSchema,
} from '#app/features/promotions/volumes-schemas.ts'
import { runService } from '#app/features/service-context.server.ts'
import { AppError, attempt, orRespond } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { pageTitle } from '#app/lib/i18n/page-title.ts'
import { readSearch } from '#app/lib/query.ts'
import { useRecordChanges } from '#app/lib/realtime/use-record-changes.ts'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, 'promotionVolumes', data?.promotion.name) },
]

// A save answers 409 or 422 when some cells were not saved, and Remix skips reloading after an error status: the
// cells that were saved, and the figures the refused ones collided with, must still be read back.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'save' || defaultShouldRevalidate

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const url = new URL(request.url)
  const input = {
    q: readSearch(url),
    suggest: url.searchParams.get('suggest') === '1',
  }
  const page = await orRespond(() =>
    runService(auth, context, (ctx) => getVolumesPage(ctx, params.promotionId ?? '', input)),
  )
  return { ...page, q: input.q, done: url.searchParams.get('done') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const auth = await requirePermission(request, 'promotions:read')
  const id = params.promotionId ?? ''
  const here = `/promotions/${id}/volumes`
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  const result = await attempt(() =>
    runService(auth, context, async (ctx) => {
      // The record first: another org's promotion is a 404 whatever the form says.
      await findPromotion(ctx, id)
      if (intent === 'add') {
        const submission = parseWithZod(form, { schema: AddPromotionProductSchema })
        if (submission.status !== 'success') throw new AppError('invalid', 'volumes:errors.product')
        return { intent: 'add' as const, row: await addPromotionProduct(ctx, id, submission.value) }
      }
      if (intent === 'remove')
        return {
          intent: 'remove' as const,
          row: await removePromotionProduct(ctx, id, String(form.get('promotionProductId') ?? '')),
        }
      if (intent === 'price') {
        const parsed = PromotionProductPriceSchema.safeParse(Object.fromEntries(form))
        if (!parsed.success)
          throw new AppError('invalid', parsed.error.issues[0]?.message ?? 'volumes:errors.price')
        return { intent: 'price' as const, row: await setPromotionProductPrice(ctx, id, parsed.data) }
      }
      if (intent === 'save') {
        const line = volumeLines.find((l) => l === form.get('line'))
        if (!line) throw new AppError('invalid', 'volumes:errors.cell')
        const read = readGridForm(form, line)
        // Nothing is saved while a changed cell is not a number: the person fixes it and saves again.
        if (Object.keys(read.invalid).length > 0) return { intent: 'save' as const, read, outcome: null }
        return {
          intent: 'save' as const,
          read,
          outcome: await saveVolumes(ctx, id, { line, cells: read.cells }),
        }
      }
      throw new AppError('invalid', 'volumes:errors.unknownAction')
    }),
  )
  if (!result.ok) {
    const error = result.error
    const reply =
      intent === 'add' && !form.get('productId')
        ? parseWithZod(form, { schema: AddPromotionProductSchema }).reply({ formErrors: [error.message] })
        : null
    return data({ error: error.message, values: error.details ?? null, reply }, { status: error.status })
  }
  const done = result.value
  if (done.intent !== 'save') return redirect(`${here}?done=${done.intent}`)
  const conflicts = done.outcome?.conflicts ?? []
  const status = !done.outcome ? 422 : conflicts.length > 0 ? 409 : 200
  return data(
    {
      nonce: crypto.randomUUID(),
      saved: done.outcome?.saved ?? 0,
      pending: unsavedEdits(done.read, conflicts),
      invalid: done.read.invalid,
      conflicts,
    },
    { status },
  )
}

type ActionData = Partial<{
  error: string
  values: Record<string, unknown> | null
  reply: SubmissionResult<string[]> | null
  nonce: string
  saved: number
  pending: Record<string, { value: string; baseVersion: number; baseValue: string }>
  invalid: Record<string, string>
  conflicts: { promotionProductId: string; weekStart: string; theirs: number | null; by: string | null }[]
}>

/** The products a promotion covers and their weekly volumes: baseline while a draft, actual sell-through after. */
export default function PromotionVolumesPage() {
  const view = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const { t } = useTranslation('volumes')
  const tp = useTranslation('promotions').t
  const p = view.promotion
  const here = `/promotions/${p.id}/volumes`
  useRecordChanges('promotion', p.id)
  const editable = view.rights.actuals ? 'actual' : view.rights.baseline ? 'baseline' : null
  const showActual = view.rights.actuals || ['approved', 'live', 'completed', 'settled'].includes(p.status)
  const lastSave = useLastSave(actionData)
  const conflicts = Object.fromEntries(
    (lastSave?.conflicts ?? []).map((c) => [`${c.promotionProductId}.${c.weekStart}`, c]),
  )
  const suggested = !lastSave && view.suggestion ? view.suggestion : null
  const initialEdits =
    lastSave?.pending ?? (suggested ? suggestionEdits(suggested.products, view.weeks, view.cells) : {})
  return (
    <>
      <PageHeader
        title={p.name}
        description={`${view.partnerName} · ${p.startsOn} – ${p.endsOn} · ${tp(`status.${p.status}`)}`}
      />
      <PromotionTabs promotionId={p.id} />
      {actionData?.error ? (
        <Notice tone="error">{t(actionData.error, { ...actionData.values, current: undefined })}</Notice>
      ) : null}
      {lastSave ? <SaveNotice result={lastSave} /> : null}
      {!actionData && view.done && ['add', 'remove', 'price'].includes(view.done) ? (
        <Notice tone="success">{t(`products.done.${view.done}`)}</Notice>
      ) : null}
      <section aria-labelledby="products-title">
        <h2 id="products-title" className="mb-3 text-lg font-semibold text-slate-900">
          {t('products.title')}
        </h2>
        <PromotionProductList
          products={view.products}
          currency={p.currency}
          editable={view.rights.products}
          action={here}
        />
        {view.rights.products ? (
          <ProductPicker
            side={view.side}
            choices={view.choices}
            q={view.q}
            currency={p.currency}
            action={here}
            discountNote={
              p.mechanics === 'price_discount' && p.discountBp
                ? t('picker.discount', { percent: p.discountBp / 100 })
                : null
            }
            lastResult={actionData?.reply}
          />
        ) : null}
      </section>
      <section aria-labelledby="grid-title" className="mt-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="grid-title" className="text-lg font-semibold text-slate-900">
            {t('grid.title')}
          </h2>
          <div className="flex flex-wrap gap-2">
            {view.rights.baseline && view.products.length > 0 ? (
              <Link to={`${here}?suggest=1`} className={buttonClass('secondary')}>
                {t('suggest.button')}
              </Link>
            ) : null}
            {showActual && view.products.length > 0 ? (
              <a href={`${here}/export.csv`} className={buttonClass('secondary')} download>
                {t('export.button')}
              </a>
            ) : null}
            {view.rights.actuals && view.products.length > 0 ? (
              <Link to={`${here}/import`} className={buttonClass('secondary')}>
                {t('import.button')}
              </Link>
            ) : null}
          </div>
        </div>
        {suggested ? <SuggestionPreview suggestion={suggested} /> : null}
        {view.products.length === 0 ? (
          <p className="text-sm text-slate-600">{t('grid.noProducts')}</p>
        ) : view.weeks.length === 0 ? (
          <p className="text-sm text-slate-600">{t('grid.noWeeks')}</p>
        ) : (
          <VolumeGrid
            key={suggested ? 'suggested' : 'grid'}
            action={here}
            weeks={view.weeks}
            products={view.products}
            cells={view.cells}
            editable={editable}
            showActual={showActual}
            initialEdits={initialEdits}
            lastSave={lastSave}
            conflicts={conflicts}
            invalid={lastSave?.invalid ?? {}}
          />
        )}
      </section>
    </>
  )
}

type SaveData = ActionData & { nonce: string; pending: NonNullable<ActionData['pending']> }

/**
 * The last save's answer, kept until the person navigates elsewhere. Remix drops action data on any reload, and
 * this page reloads whenever the other side saves (useRecordChanges): without this, a refused cell's figures and
 * what was typed into it would vanish a moment after the refusal.
 */
function useLastSave(actionData: ActionData | undefined): SaveData | null {
  const { key } = useLocation()
  const fresh = actionData?.nonce && actionData.pending ? (actionData as SaveData) : null
  const [state, setState] = useState({ key, save: fresh })
  // Action data arrives while the old location is still current, and stays as the new one commits: follow it.
  if (fresh && (state.save?.nonce !== fresh.nonce || state.key !== key)) setState({ key, save: fresh })
  else if (!fresh && state.key !== key) setState({ key, save: null })
  return fresh ?? (state.key === key ? state.save : null)
}
