import { type FieldMetadata, type FormMetadata, getInputProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { useFieldErrors } from '#app/components/form-errors.tsx'
import { Button } from '#app/components/ui/button.tsx'
import { ErrorList, inputClass } from '#app/components/ui/field.tsx'
import {
  formatMoney,
  lineAmounts,
  parseAmount,
  parseQuantity,
  percentToBp,
  scaledToString,
  toDecimalString,
} from '#app/lib/money.ts'

export type ProductOption = {
  id: string
  sku: string
  name: string
  unit: string
  unitPrice: number
  currency: string
  taxRateBp: number
}

type LineFields = {
  productId?: string
  sku?: string
  description: string
  quantity: string
  unit?: string
  unitPrice: string
  discount?: string
  taxRate?: string
  optional?: boolean | string
}

type Props = {
  // biome-ignore lint/suspicious/noExplicitAny: conform's form metadata is generic over the whole schema
  form: FormMetadata<any, string[]>
  lines: FieldMetadata<LineFields[], Record<string, unknown>, string[]>
  currency: string
  locale: string
  products: ProductOption[]
  /** Quotes may mark lines optional; invoices may not. */
  allowOptional: boolean
}

const cell = `${inputClass} px-2 py-1.5 text-sm`

/** The amount a line would come to as typed, or null while it does not parse. */
function previewTotal(line: Partial<Record<keyof LineFields, unknown>>, currency: string) {
  const unitPrice = parseAmount(String(line.unitPrice ?? ''), currency)
  const quantity = String(line.quantity ?? '')
  const discountBp = percentToBp(String(line.discount || '0'))
  const taxRateBp = percentToBp(String(line.taxRate || '0'))
  if (unitPrice === null || parseQuantity(quantity) === null || discountBp === null || taxRateBp === null)
    return null
  try {
    return lineAmounts({ quantity, unitPrice, discountBp, taxRateBp }).net
  } catch {
    return null
  }
}

/**
 * Editable lines: product picker (fills SKU, description, unit, price and tax), quantity, price, discount and tax
 * as typed text (parsed exactly on the server), an optional flag for quotes, add/remove, and a live line amount.
 */
export function LineEditor({ form, lines, currency, locale, products, allowOptional }: Props) {
  const { t } = useTranslation('billing')
  const errors = useFieldErrors()
  const list = lines.getFieldList()
  return (
    <fieldset className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <legend className="px-1 text-sm font-semibold text-slate-800">{t('lines.legend')}</legend>
      <ErrorList id={lines.errorId} errors={errors(lines.errors)} />
      <ol className="space-y-4">
        {list.map((line, index) => {
          const f = line.getFieldset()
          const amount = previewTotal(line.value ?? {}, currency)
          const pick = (productId: string) => {
            const product = products.find((p) => p.id === productId)
            if (!product) return
            form.update({ name: f.sku.name, value: product.sku })
            form.update({ name: f.description.name, value: product.name })
            form.update({ name: f.unit.name, value: product.unit })
            if (product.currency === currency) {
              form.update({ name: f.unitPrice.name, value: toDecimalString(product.unitPrice, currency) })
            }
            form.update({ name: f.taxRate.name, value: scaledToString(product.taxRateBp, 2) })
          }
          return (
            <li key={line.key} className="grid gap-2 border-b border-slate-100 pb-4 sm:grid-cols-12">
              <label className="sm:col-span-3">
                <span className="text-xs font-medium text-slate-700">{t('lines.product')}</span>
                <select
                  name={f.productId.name}
                  defaultValue={f.productId.initialValue ?? ''}
                  className={cell}
                  onChange={(e) => pick(e.currentTarget.value)}
                >
                  <option value="">{t('lines.freeText')}</option>
                  {products.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.sku} · {p.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="sm:col-span-2">
                <span className="text-xs font-medium text-slate-700">{t('lines.sku')}</span>
                <input {...getInputProps(f.sku, { type: 'text' })} className={cell} />
              </label>
              <label className="sm:col-span-7">
                <span className="text-xs font-medium text-slate-700">{t('lines.description')}</span>
                <input {...getInputProps(f.description, { type: 'text' })} className={cell} />
                <ErrorList id={f.description.errorId} errors={errors(f.description.errors)} />
              </label>
              <label className="sm:col-span-2">
                <span className="text-xs font-medium text-slate-700">{t('lines.quantity')}</span>
                <input
                  {...getInputProps(f.quantity, { type: 'text' })}
                  inputMode="decimal"
                  className={cell}
                />
                <ErrorList id={f.quantity.errorId} errors={errors(f.quantity.errors)} />
              </label>
              <label className="sm:col-span-1">
                <span className="text-xs font-medium text-slate-700">{t('lines.unit')}</span>
                <input {...getInputProps(f.unit, { type: 'text' })} className={cell} />
              </label>
              <label className="sm:col-span-2">
                <span className="text-xs font-medium text-slate-700">
                  {t('lines.unitPrice', { currency })}
                </span>
                <input
                  {...getInputProps(f.unitPrice, { type: 'text' })}
                  inputMode="decimal"
                  className={cell}
                />
                <ErrorList id={f.unitPrice.errorId} errors={errors(f.unitPrice.errors)} />
              </label>
              <label className="sm:col-span-1">
                <span className="text-xs font-medium text-slate-700">{t('lines.discount')}</span>
                <input
                  {...getInputProps(f.discount, { type: 'text' })}
                  inputMode="decimal"
                  className={cell}
                />
                <ErrorList id={f.discount.errorId} errors={errors(f.discount.errors)} />
              </label>
              <label className="sm:col-span-1">
                <span className="text-xs font-medium text-slate-700">{t('lines.taxRate')}</span>
                <input {...getInputProps(f.taxRate, { type: 'text' })} inputMode="decimal" className={cell} />
                <ErrorList id={f.taxRate.errorId} errors={errors(f.taxRate.errors)} />
              </label>
              <div className="flex items-end gap-3 sm:col-span-5">
                {allowOptional ? (
                  <label className="flex items-center gap-2 text-sm">
                    <input {...getInputProps(f.optional, { type: 'checkbox' })} />
                    {t('lines.optional')}
                  </label>
                ) : null}
                <output className="ms-auto text-sm font-medium tabular-nums" aria-live="polite">
                  {amount === null ? '—' : formatMoney(amount, currency, locale)}
                </output>
                <Button
                  variant="ghost"
                  {...form.remove.getButtonProps({ name: lines.name, index })}
                  aria-label={t('lines.remove', { position: index + 1 })}
                  disabled={list.length === 1}
                >
                  {t('lines.removeShort')}
                </Button>
              </div>
            </li>
          )
        })}
      </ol>
      <Button
        variant="secondary"
        className="mt-4"
        {...form.insert.getButtonProps({
          name: lines.name,
          defaultValue: { quantity: '1', unit: 'each', discount: '0', taxRate: '0' },
        })}
      >
        {t('lines.add')}
      </Button>
    </fieldset>
  )
}
