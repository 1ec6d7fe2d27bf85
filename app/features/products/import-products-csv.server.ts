import { and, eq, inArray, sql } from 'drizzle-orm'
import { AppError } from '#app/lib/errors.ts'
import { organizations, products } from '#db/schema/index.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { assertCatalogueManager } from './access.server.ts'
import { type CsvError, type CsvProduct, decodeCsvText, readProductCsv } from './csv.ts'

export type ImportResult =
  | { status: 'imported'; created: number; updated: number; unchanged: number }
  /** Not a CSV text file at all (binary, not UTF-8, empty). */
  | { status: 'unreadable'; message: string }
  /** Rows with problems: nothing was imported. */
  | { status: 'invalid'; errors: CsvError[] }

// Well under PostgreSQL's 65,535 parameters per statement (9 per row).
const BATCH = 1000
const fields = ['name', 'description', 'unit', 'unitPrice', 'currency', 'taxRateBp', 'active'] as const

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Imports a CSV file into the caller's catalogue, all or nothing: every row is validated first, and one bad row
 * imports nothing (every problem is reported with its line). Then existing SKUs are updated and new ones inserted
 * in the caller's one transaction. Rows that already match the file are counted as updated but not rewritten, so
 * their version does not move under someone's open form. One audit event per import.
 */
export async function importProductsCsv(
  ctx: ServiceContext,
  input: { bytes: Uint8Array },
): Promise<ImportResult> {
  assertCatalogueManager(ctx)
  const decoded = decodeCsvText(input.bytes)
  if (!decoded.ok) return { status: 'unreadable', message: decoded.message }
  const [org] = await ctx.tx
    .select({ defaultCurrency: organizations.defaultCurrency })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId))
  if (!org) throw new AppError('not_found', 'Organization not found')
  const read = readProductCsv(decoded.text, { defaultCurrency: org.defaultCurrency })
  if (!read.ok) return { status: 'invalid', errors: read.errors }

  const existing = new Map<string, Record<(typeof fields)[number], unknown>>()
  for (const batch of chunks(read.products, BATCH)) {
    const rows = await ctx.tx
      .select({
        sku: products.sku,
        name: products.name,
        description: products.description,
        unit: products.unit,
        unitPrice: products.unitPrice,
        currency: products.currency,
        taxRateBp: products.taxRateBp,
        active: products.active,
      })
      .from(products)
      .where(
        and(
          eq(products.orgId, ctx.orgId),
          inArray(
            products.sku,
            batch.map((p) => p.sku),
          ),
        ),
      )
    for (const row of rows) existing.set(row.sku, row)
  }

  const writes: CsvProduct[] = []
  let created = 0
  let unchanged = 0
  for (const product of read.products) {
    const before = existing.get(product.sku)
    if (!before) created++
    else if (fields.every((f) => before[f] === product[f])) {
      unchanged++
      continue
    }
    writes.push(product)
  }
  for (const batch of chunks(writes, BATCH)) {
    await ctx.tx
      .insert(products)
      .values(
        batch.map((p) => ({
          orgId: ctx.orgId,
          sku: p.sku,
          name: p.name,
          description: p.description,
          unit: p.unit,
          unitPrice: p.unitPrice,
          currency: p.currency,
          taxRateBp: p.taxRateBp,
          active: p.active,
        })),
      )
      .onConflictDoUpdate({
        target: [products.orgId, products.sku],
        set: {
          name: sql`excluded.name`,
          description: sql`excluded.description`,
          unit: sql`excluded.unit`,
          unitPrice: sql`excluded.unit_price`,
          currency: sql`excluded.currency`,
          taxRateBp: sql`excluded.tax_rate_bp`,
          active: sql`excluded.active`,
          version: sql`${products.version} + 1`,
          updatedAt: sql`now()`,
        },
      })
  }
  const updated = read.products.length - created
  await ctx.audit({
    action: 'products.imported',
    targetType: 'product',
    data: { rows: read.products.length, created, updated, unchanged },
  })
  return { status: 'imported', created, updated, unchanged }
}
