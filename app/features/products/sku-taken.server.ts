import { AppError } from '#app/lib/errors.ts'

const SKU_KEY = 'products_org_sku_key'

/** The database refused a second product with the same SKU in one org (a race the pre-check did not see). */
export function isSkuUniqueViolation(error: unknown): boolean {
  // Drizzle wraps the driver's error; postgres.js names the constraint `constraint_name`, PGlite `constraint`.
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, constraint_name, constraint, cause } = current as Record<string, unknown>
    if (code === '23505' && (constraint_name === SKU_KEY || constraint === SKU_KEY)) return true
    current = cause
  }
  return false
}

/** A field error the form shows under SKU, instead of a 500. */
export function skuTaken(sku: string) {
  return new AppError('conflict', 'products:errors.skuTaken', { field: 'sku', sku })
}
