import { getFormProps, type SubmissionResult } from '@conform-to/react'
import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormErrors } from '#app/components/form-errors.tsx'
import { SubmitButton } from '#app/components/forms/form-actions.tsx'
import { FormField } from '#app/components/forms/form-field.tsx'
import { useZodForm } from '#app/components/forms/use-zod-form.ts'
import { buttonClass } from '#app/components/ui/button.tsx'
import { SearchBox } from '#app/components/ui/search-box.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { AddPromotionProductSchema } from '#app/features/promotions/volumes-schemas.ts'
import { formatMoney, toDecimalString } from '#app/lib/money.ts'

export type Choice = {
  productId: string | null
  sku: string
  name: string
  price: number | null
  defaultPrice: number | null
}

const priceInput = 'w-24 rounded border border-slate-300 px-2 py-1 text-end text-sm tabular-nums'

/** A SKU the partner types (it cannot read the manufacturer's catalogue): SKU, name and unit price. */
function TypedSkuForm({
  action,
  lastResult,
}: {
  action: string
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t } = useTranslation('volumes')
  const [form, fields] = useZodForm({ id: 'add-sku', schema: AddPromotionProductSchema, lastResult })
  return (
    <Form
      method="post"
      action={action}
      {...getFormProps(form)}
      className="mt-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4 sm:items-end"
    >
      <input type="hidden" name="intent" value="add" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <FormField field={fields.sku} type="text" label={t('picker.sku')} autoComplete="off" required />
      <FormField field={fields.name} type="text" label={t('picker.name')} autoComplete="off" required />
      <FormField
        field={fields.unitPrice}
        type="text"
        label={t('picker.unitPrice')}
        hint={t('picker.unitPriceHint')}
        inputMode="decimal"
        required
      />
      <SubmitButton label={t('picker.add')} submittingLabel={t('picker.adding')} />
    </Form>
  )
}

/**
 * What may be added to the promotion: the manufacturer's active catalogue, or the SKUs the partner bought on the
 * partnership (and any SKU it types). The price field starts at the product's price less the promotion's discount.
 */
export function ProductPicker({
  side,
  choices,
  q,
  currency,
  action,
  discountNote,
  lastResult,
}: {
  side: 'host' | 'partner'
  choices: Choice[]
  q: string
  currency: string
  action: string
  discountNote: string | null
  lastResult?: SubmissionResult<string[]> | null
}) {
  const { t, i18n } = useTranslation('volumes')
  const money = (n: number | null) => (n === null ? '—' : formatMoney(n, currency, i18n.language))
  return (
    <section aria-labelledby="picker-title" className="mt-6">
      <h3 id="picker-title" className="text-base font-semibold text-slate-900">
        {t(side === 'host' ? 'picker.titleHost' : 'picker.titlePartner')}
      </h3>
      <p className="mb-2 text-sm text-slate-600">
        {t(side === 'host' ? 'picker.helpHost' : 'picker.helpPartner')}
        {discountNote ? ` ${discountNote}` : ''}
      </p>
      <SearchBox label={t('picker.search')} defaultValue={q} className="mb-3 flex max-w-sm gap-2" />
      {choices.length === 0 ? (
        <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
          {t(q ? 'picker.noMatch' : side === 'host' ? 'picker.noneHost' : 'picker.nonePartner')}
        </p>
      ) : (
        <Table caption={t('picker.caption')}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t('picker.sku')}</Th>
              <Th>{t('picker.name')}</Th>
              <Th className="text-end">{t(side === 'host' ? 'picker.listPrice' : 'picker.paidPrice')}</Th>
              <Th className="text-end">{t('picker.unitPrice')}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {choices.map((c) => (
              <Tr key={c.productId ?? c.sku}>
                <Td className="font-medium text-slate-900">{c.sku}</Td>
                <Td>{c.name}</Td>
                <Td className="text-end tabular-nums">{money(c.price)}</Td>
                <Td className="text-end">
                  <Form method="post" action={action} className="flex items-center justify-end gap-2">
                    <input type="hidden" name="intent" value="add" />
                    {c.productId ? (
                      <input type="hidden" name="productId" value={c.productId} />
                    ) : (
                      <>
                        <input type="hidden" name="sku" value={c.sku} />
                        <input type="hidden" name="name" value={c.name} />
                      </>
                    )}
                    <input
                      name="unitPrice"
                      defaultValue={c.defaultPrice === null ? '' : toDecimalString(c.defaultPrice, currency)}
                      required={c.defaultPrice === null}
                      inputMode="decimal"
                      aria-label={t('picker.priceLabel', { sku: c.sku })}
                      className={priceInput}
                    />
                    <button
                      type="submit"
                      className={buttonClass('secondary', 'px-2 py-1')}
                      aria-label={t('picker.addLabel', { sku: c.sku })}
                    >
                      {t('picker.add')}
                    </button>
                  </Form>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      )}
      {side === 'partner' ? <TypedSkuForm action={action} lastResult={lastResult} /> : null}
    </section>
  )
}
