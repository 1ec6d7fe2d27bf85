import { products } from '#db/schema/index.ts'

/** What a product page and the catalogue show: an explicit selection, nothing else reaches the browser. */
export const productColumns = {
  id: products.id,
  sku: products.sku,
  name: products.name,
  description: products.description,
  unit: products.unit,
  unitPrice: products.unitPrice,
  currency: products.currency,
  taxRateBp: products.taxRateBp,
  active: products.active,
  version: products.version,
  updatedAt: products.updatedAt,
}
