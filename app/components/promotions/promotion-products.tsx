import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from '#app/components/ui/button.tsx'
import { EmptyState } from '#app/components/ui/empty-state.tsx'
import { Table, Td, Th, Tr } from '#app/components/ui/table.tsx'
import { formatMoney, toDecimalString } from '#app/lib/money.ts'

const priceInput = 'w-24 rounded border border-slate-300 px-2 py-1 text-end text-sm tabular-nums'

type Product = { id: string; sku: string; name: string; unitPrice: number }

/** The products a promotion covers with their promotional unit prices; while a draft, prices change and rows go. */
export function PromotionProductList({
  products,
  currency,
  editable,
  action,
}: {
  products: Product[]
  currency: string
  editable: boolean
  action: string
}) {
  const { t, i18n } = useTranslation('volumes')
  if (products.length === 0) {
    return (
      <EmptyState
        title={t('products.none')}
        body={editable ? t('products.noneBody') : t('products.noneReadOnly')}
      />
    )
  }
  return (
    <Table caption={t('products.caption')}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t('products.sku')}</Th>
          <Th>{t('products.name')}</Th>
          <Th className="text-end">{t('products.unitPrice', { currency })}</Th>
          {editable ? <Th className="sr-only">{t('products.actions')}</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {products.map((p) => (
          <Tr key={p.id}>
            <Td className="font-medium text-slate-900">{p.sku}</Td>
            <Td>{p.name}</Td>
            <Td className="text-end tabular-nums">
              {editable ? (
                <Form
                  // A price saved by someone else replaces what the field shows.
                  key={p.unitPrice}
                  method="post"
                  action={action}
                  className="flex items-center justify-end gap-2"
                >
                  <input type="hidden" name="intent" value="price" />
                  <input type="hidden" name="promotionProductId" value={p.id} />
                  <input type="hidden" name="expected" value={p.unitPrice} />
                  <input
                    name="unitPrice"
                    defaultValue={toDecimalString(p.unitPrice, currency)}
                    inputMode="decimal"
                    aria-label={t('products.priceLabel', { sku: p.sku })}
                    className={priceInput}
                  />
                  <button type="submit" className={buttonClass('secondary', 'px-2 py-1')}>
                    {t('products.setPrice')}
                  </button>
                </Form>
              ) : (
                formatMoney(p.unitPrice, currency, i18n.language)
              )}
            </Td>
            {editable ? (
              <Td className="text-end">
                <Form method="post" action={action}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="promotionProductId" value={p.id} />
                  <button
                    type="submit"
                    className={buttonClass('ghost', 'px-2 py-1 text-red-700')}
                    aria-label={t('products.removeLabel', { sku: p.sku })}
                  >
                    {t('products.remove')}
                  </button>
                </Form>
              </Td>
            ) : null}
          </Tr>
        ))}
      </tbody>
    </Table>
  )
}
