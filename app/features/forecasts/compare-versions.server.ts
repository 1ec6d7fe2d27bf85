import type { PageRequest } from '#app/lib/pagination.ts'
import type { ServiceContext } from '../service-context.server.ts'
import { findForecast } from './find-forecast.server.ts'
import { forecastHeader } from './get-forecast-header.server.ts'
import {
  currentCells,
  type FrozenCell,
  findVersion,
  listVersionRows,
  planProducts,
  versionCells,
} from './version-figures.server.ts'

export const compareLines = ['consensus', 'host', 'partner'] as const
export type CompareLine = (typeof compareLines)[number]

/**
 * One line of one cell between two states. A missing figure counts as 0 in the delta and the totals (the cell
 * gained or lost its whole figure); `share` is delta ÷ old, null when old is missing or 0.
 */
export type LineChange = { old: number | null; new: number | null; delta: number; share: number | null }
export type LineTotal = { old: number; new: number; delta: number; share: number | null }

type Side = { kind: 'version'; id: string; number: number; publishedAt: string } | { kind: 'current' }

const change = (a: number | null, b: number | null): LineChange => {
  const delta = (b ?? 0) - (a ?? 0)
  return { old: a, new: b, delta, share: a ? delta / a : null }
}
const emptyTotal = (): LineTotal => ({ old: 0, new: 0, delta: 0, share: null })
const addTo = (t: LineTotal, c: LineChange) => {
  t.old += c.old ?? 0
  t.new += c.new ?? 0
  t.delta = t.new - t.old
  t.share = t.old ? t.delta / t.old : null
}

/**
 * Compares a version with another version or with the grid as it is now: the cells whose consensus changed (and,
 * with `sides`, whose manufacturer's or partner's line changed), each with old, new, delta and share; totals per
 * product (every cell of the products that changed) and overall. The older state is always "old" (the lower
 * number; the current grid is newest). Exact: integers from the frozen cells, nothing sampled.
 */
export async function compareVersions(
  ctx: ServiceContext,
  forecastId: string,
  input: { versionId: string; with?: string; sides: boolean; page: PageRequest; productPage: PageRequest },
) {
  const found = await findForecast(ctx, forecastId)
  const { forecast } = found
  const [header, version, versions, products] = await Promise.all([
    forecastHeader(ctx, found),
    findVersion(ctx, forecast.id, input.versionId),
    listVersionRows(ctx, forecast.id),
    planProducts(ctx, forecast.id),
  ])
  const previous = versions.find((v) => v.number < version.number)
  const withId = input.with || previous?.id || 'current'
  const other = withId === 'current' ? null : await findVersion(ctx, forecast.id, withId)
  const side = (v: typeof version | null): Side =>
    v
      ? { kind: 'version', id: v.id, number: v.number, publishedAt: v.publishedAt.toISOString() }
      : { kind: 'current' }
  const thisIsOld = other === null || other.number > version.number
  const [oldSide, newSide] = thisIsOld ? [version, other] : [other, version]
  const [oldCells, newCells] = await Promise.all([
    versionCells(ctx, (oldSide ?? version).id),
    newSide ? versionCells(ctx, newSide.id) : currentCells(ctx, found),
  ])

  const lines: CompareLine[] = input.sides ? [...compareLines] : ['consensus']
  const key = (c: Pick<FrozenCell, 'productId' | 'weekStart'>) => `${c.productId}|${c.weekStart}`
  const olds = new Map(oldCells.map((c) => [key(c), c]))
  const news = new Map(newCells.map((c) => [key(c), c]))
  const productIndex = new Map(products.map((p, i) => [p.id, i]))
  const keys = [...new Set([...olds.keys(), ...news.keys()])]
    .map((k) => {
      const [productId, weekStart] = k.split('|')
      return { k, productId, weekStart, index: productIndex.get(productId) ?? -1 }
    })
    .filter((c) => c.index >= 0)
    .sort((a, b) => a.index - b.index || a.weekStart.localeCompare(b.weekStart))

  type Changed = { productId: string; weekStart: string } & Partial<Record<CompareLine, LineChange>>
  const changed: Changed[] = []
  const perProduct = new Map<string, Record<CompareLine, LineTotal> & { changedCells: number }>()
  const overall = Object.fromEntries(lines.map((l) => [l, emptyTotal()])) as Record<CompareLine, LineTotal>
  const changedProducts = new Set<string>()
  for (const c of keys) {
    const a = olds.get(c.k)
    const b = news.get(c.k)
    const cell: Changed = { productId: c.productId, weekStart: c.weekStart }
    let differs = false
    let totals = perProduct.get(c.productId)
    if (!totals) {
      totals = { consensus: emptyTotal(), host: emptyTotal(), partner: emptyTotal(), changedCells: 0 }
      perProduct.set(c.productId, totals)
    }
    for (const line of lines) {
      const lineChange = change(a?.[line] ?? null, b?.[line] ?? null)
      addTo(totals[line], lineChange)
      addTo(overall[line], lineChange)
      cell[line] = lineChange
      if (lineChange.old !== lineChange.new) differs = true
    }
    if (differs) {
      changed.push(cell)
      totals.changedCells++
      changedProducts.add(c.productId)
    }
  }

  const byId = new Map(products.map((p) => [p.id, p]))
  const productRows = products
    .filter((p) => changedProducts.has(p.id))
    .map((p) => {
      const totals = perProduct.get(p.id)
      return { productId: p.id, sku: p.sku, name: p.name, ...totals }
    })
  const pageOf = <T>(rows: T[], page: PageRequest) => rows.slice(page.offset, page.offset + page.pageSize)
  return {
    forecast: header,
    version: {
      id: version.id,
      number: version.number,
      publishedAt: version.publishedAt.toISOString(),
      note: version.note,
      publishedByName: version.publishedByName,
      publishedByOrgName: version.publishedByOrgName,
    },
    versions: versions.map((v) => ({ id: v.id, number: v.number })),
    with: withId,
    old: side(oldSide),
    new: newSide ? side(newSide) : side(null),
    lines,
    cells: pageOf(changed, input.page).map((c) => ({
      ...c,
      sku: byId.get(c.productId)?.sku ?? '',
      name: byId.get(c.productId)?.name ?? '',
    })),
    changedCells: changed.length,
    products: pageOf(productRows, input.productPage),
    changedProducts: productRows.length,
    overall,
  }
}
