import type { Tx } from '#db/client.ts'
import { products } from '#db/schema/index.ts'

// Writes as the owner (asSystem), like the other factories: for the demo seed and tests.
let counter = 0

export type ProductFactoryInput = {
  orgId: string
  sku?: string
  name?: string
  description?: string
  unit?: string
  /** Minor units of the currency. */
  unitPrice?: number
  currency?: string
  /** Basis points: 2000 = 20%. */
  taxRateBp?: number
  active?: boolean
}

export async function createProduct(tx: Tx, input: ProductFactoryInput) {
  const suffix = `${Date.now().toString(36)}${(counter++).toString(36)}`.toUpperCase()
  const [product] = await tx
    .insert(products)
    .values({
      orgId: input.orgId,
      sku: input.sku ?? `SKU-${suffix}`,
      name: input.name ?? `Product ${suffix}`,
      description: input.description ?? '',
      unit: input.unit ?? 'each',
      unitPrice: input.unitPrice ?? 1000,
      currency: input.currency ?? 'USD',
      taxRateBp: input.taxRateBp ?? 0,
      active: input.active ?? true,
    })
    .returning()
  return product
}
