import { inflateRawSync } from 'node:zlib'
import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { rowsOf } from '#db/rows.ts'
import { auditEvents, forecasts } from '#db/schema/index.ts'
import { createCellRecords, createForecastRecord } from '#db/seed/forecast-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { type Harness, signInAs, startHarness } from './harness.ts'
import { readable } from './html.ts'
import { createWorld, type World } from './world.ts'

// Co-forecast CSV import and CSV/.xlsx export through the built server: an unchanged export imports as nothing
// (no cell, history row or version moves); a changed figure on one's own line is written with history kind
// 'import'; consensus figures become proposals or accept the other side's; a malformed file changes nothing and
// names every bad row and column; binaries, viewers, closed plans and other orgs are refused.

let h: Harness
let world: World
let forecastId: string
let closedId: string
const cookies: Record<'manager' | 'viewer' | 'retailer' | 'portal' | 'foreign', string> = {} as never
const tag = Math.random().toString(36).slice(2, 8).toUpperCase()
const sku = { kettle: `FI-K-${tag}`, toaster: `FI-T-${tag}` }
const weeks = ['2027-01-04', '2027-01-11', '2027-01-18']
const planName = `Spring ${tag}/2027`

async function upload(
  cookie: string,
  content: BlobPart,
  type = 'text/csv',
  name = 'forecast.csv',
  id = forecastId,
) {
  const body = new FormData()
  body.append('file', new File([content], name, { type }))
  const res = await fetch(new URL(`/forecasts/${id}/import`, h.origin), {
    method: 'POST',
    headers: { cookie, origin: h.origin },
    body,
    redirect: 'manual',
  })
  return { status: res.status, headers: res.headers, body: readable(await res.text()) }
}

async function exportCsv(cookie = cookies.manager) {
  const res = await h.request(`/forecasts/${forecastId}/export.csv`, { cookie })
  expect(res.status).toBe(200)
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
}

/** The export with one figure replaced: the row of `sku` on line `code`, the column of `week`. */
function withFigure(csv: string, rowSku: string, code: string, week: string, value: string) {
  const rows = csv.split('\r\n')
  const column = rows[0]
    .replace(/^\uFEFF/, '')
    .split(',')
    .indexOf(week)
  const index = rows.findIndex((r) => r.startsWith(`${rowSku},`) && r.split(',')[2] === code)
  expect(column > 2 && index > 0, `${rowSku} ${code} ${week}`).toBe(true)
  const cells = rows[index].split(',')
  cells[column] = value
  rows[index] = cells.join(',')
  return rows.join('\r\n')
}

/** Every cell of the plan as `sku line week: value (proposed) @version`, its history rows, plan and versions. */
async function snapshot() {
  return asSystem(async (tx) => {
    const cells = await rowsOf<{ cell: string }>(
      tx,
      sql`select p.sku || ' ' || c.line || ' ' || c.week_start || ': ' || coalesce(c.value::text, '-') ||
            ' (' || coalesce(c.proposed::text, '-') || ') @' || c.version as cell
          from forecast_cells c join forecast_products p on p.id = c.forecast_product_id
          where c.forecast_id = ${forecastId} order by p.sku, c.line, c.week_start`,
    )
    const [counts] = await rowsOf<{ history: number; planVersion: number; versions: number }>(
      tx,
      sql`select (select count(*)::int from forecast_cell_changes where forecast_id = f.id) as history,
            f.version as "planVersion",
            (select count(*)::int from forecast_versions where forecast_id = f.id) as versions
          from forecasts f where f.id = ${forecastId}`,
    )
    return { cells: cells.map((c) => c.cell), ...counts }
  })
}

/** The newest history row of one cell. */
async function lastChange(rowSku: string, line: string, week: string) {
  const [row] = await asSystem((tx) =>
    rowsOf<Record<string, unknown>>(
      tx,
      sql`select h.kind, h.old_value as "oldValue", h.new_value as "newValue", h.old_proposed as "oldProposed",
            h.new_proposed as "newProposed", h.changed_by_org_id::text as "byOrg"
          from forecast_cell_changes h join forecast_products p on p.id = h.forecast_product_id
          where h.forecast_id = ${forecastId} and p.sku = ${rowSku} and h.line = ${line}
            and h.week_start = ${week}
          order by h.id desc limit 1`,
    ),
  )
  return row
}

beforeAll(async () => {
  h = await startHarness()
  world = await createWorld()
  const plan = async (name: string) =>
    asSystem(async (tx) => {
      const { forecast, products } = await createForecastRecord(tx, {
        partnershipId: world.partnerships.ar.id,
        hostOrgId: world.a.org.id,
        createdByOrgId: world.a.org.id,
        createdById: world.a.members.manager.id,
        name,
        startWeek: weeks[0],
        horizonWeeks: weeks.length,
        products: [
          { sku: sku.kettle, name: 'Kettle 1.7 l' },
          { sku: sku.toaster, name: 'Toaster' },
        ],
      })
      const [kettle, toaster] = products.map((p) => p.id)
      await createCellRecords(
        tx,
        forecast,
        [
          { forecastProductId: kettle, weekStart: weeks[0], line: 'host', value: 100 },
          { forecastProductId: kettle, weekStart: weeks[0], line: 'partner', value: 104 },
          { forecastProductId: kettle, weekStart: weeks[0], line: 'consensus', value: 102 },
          { forecastProductId: kettle, weekStart: weeks[1], line: 'host', value: 80 },
          { forecastProductId: kettle, weekStart: weeks[1], line: 'partner', value: 80 },
          // The retailer proposed 90 over the agreed 80.
          {
            forecastProductId: kettle,
            weekStart: weeks[1],
            line: 'consensus',
            value: 80,
            proposed: 90,
            proposedByOrgId: world.r.org.id,
          },
          { forecastProductId: toaster, weekStart: weeks[0], line: 'host', value: 50 },
          { forecastProductId: toaster, weekStart: weeks[0], line: 'actual', value: 47 },
        ],
        { userId: world.a.members.manager.id, orgId: world.a.org.id, kind: 'edit' },
      )
      return forecast.id
    })
  forecastId = await plan(planName)
  closedId = await plan(`Closed ${tag}`)
  await asSystem((tx) =>
    tx.update(forecasts).set({ archivedAt: new Date() }).where(eq(forecasts.id, closedId)),
  )
  cookies.manager = await signInAs(world.a.members.manager.id, world.a.org.id)
  cookies.viewer = await signInAs(world.a.members.viewer.id, world.a.org.id)
  cookies.retailer = await signInAs(world.r.owner.id, world.r.org.id)
  cookies.portal = await signInAs(world.c.portal.id, world.c.org.id)
  cookies.foreign = await signInAs(world.foreign.zOwner.id, world.foreign.z.id)
})

afterAll(async () => {
  await h?.close()
})

describe('forecast CSV export and import', () => {
  test('the export is the whole grid, named after the plan, not cached', async () => {
    const res = await h.request(`/forecasts/${forecastId}/export.csv`, { cookie: cookies.retailer })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Spring-${tag}-2027-${weeks[0]}.csv"`,
    )
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.split('\r\n')).toEqual([
      `\uFEFFsku,name,line,${weeks.join(',')}`,
      `${sku.kettle},Kettle 1.7 l,manufacturer,100,80,`,
      `${sku.kettle},Kettle 1.7 l,retailer,104,80,`,
      // The agreed figure, not the pending proposal.
      `${sku.kettle},Kettle 1.7 l,consensus,102,80,`,
      `${sku.kettle},Kettle 1.7 l,actual,,,`,
      `${sku.toaster},Toaster,manufacturer,50,,`,
      `${sku.toaster},Toaster,retailer,,,`,
      `${sku.toaster},Toaster,consensus,,,`,
      `${sku.toaster},Toaster,actual,47,,`,
      '',
    ])
  })

  test('an unchanged export imports as nothing: no cell, history row or version moves, on either side', async () => {
    const before = await snapshot()
    const csv = await exportCsv()
    for (const cookie of [cookies.manager, cookies.retailer]) {
      const res = await upload(cookie, csv)
      expect(res.status).toBe(200)
      expect(res.body).toContain('Imported')
      expect(res.body).toContain('consensus: 0 proposed, 0 accepted, 6 already the same.')
      expect(res.body).toContain('actual: 0 changed, 6 already the same.')
    }
    expect(await snapshot()).toEqual(before)
  })

  test("a changed figure on one's own line and an actual are written with history kind 'import'", async () => {
    let csv = await exportCsv()
    csv = withFigure(csv, sku.kettle, 'manufacturer', weeks[2], '75')
    csv = withFigure(csv, sku.toaster, 'manufacturer', weeks[0], '')
    csv = withFigure(csv, sku.toaster, 'actual', weeks[0], '49')
    const res = await upload(cookies.manager, csv)
    expect(res.status).toBe(200)
    expect(res.body).toContain('manufacturer: 2 changed, 4 already the same.')
    expect(res.body).toContain('actual: 1 changed, 5 already the same.')
    const after = await snapshot()
    expect(after.cells).toContain(`${sku.kettle} host ${weeks[2]}: 75 (-) @1`)
    expect(after.cells).toContain(`${sku.toaster} host ${weeks[0]}: - (-) @2`)
    expect(after.cells).toContain(`${sku.toaster} actual ${weeks[0]}: 49 (-) @2`)
    expect(await lastChange(sku.kettle, 'host', weeks[2])).toEqual({
      kind: 'import',
      oldValue: null,
      newValue: 75,
      oldProposed: null,
      newProposed: null,
      byOrg: world.a.org.id,
    })
    expect((await lastChange(sku.toaster, 'host', weeks[0]))?.kind).toBe('import')
    expect(await lastChange(sku.toaster, 'actual', weeks[0])).toMatchObject({
      kind: 'import',
      oldValue: 47,
      newValue: 49,
    })
    const [audit] = await asSystem((tx) =>
      tx
        .select({ data: auditEvents.data })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'forecast.imported'), eq(auditEvents.targetId, forecastId)))
        .orderBy(desc(auditEvents.createdAt))
        .limit(1),
    )
    expect(audit.data).toMatchObject({ rows: 8, changed: { host: 2, partner: 0, consensus: 0, actual: 1 } })
  })

  test("consensus figures become the importer's proposals, or accept the other side's pending one", async () => {
    // The manufacturer writes the retailer's proposed 90: accepted. And proposes 110 over the agreed 102.
    let csv = await exportCsv()
    csv = withFigure(csv, sku.kettle, 'consensus', weeks[1], '90')
    csv = withFigure(csv, sku.kettle, 'consensus', weeks[0], '110')
    const res = await upload(cookies.manager, csv)
    expect(res.status).toBe(200)
    expect(res.body).toContain('consensus: 1 proposed, 1 accepted, 4 already the same.')
    const cells = (await snapshot()).cells
    expect(cells).toContain(`${sku.kettle} consensus ${weeks[1]}: 90 (-) @2`)
    expect(cells).toContain(`${sku.kettle} consensus ${weeks[0]}: 102 (110) @2`)
    expect(await lastChange(sku.kettle, 'consensus', weeks[1])).toMatchObject({
      kind: 'accept',
      oldValue: 80,
      newValue: 90,
      oldProposed: 90,
      newProposed: null,
    })
    expect(await lastChange(sku.kettle, 'consensus', weeks[0])).toMatchObject({
      kind: 'propose',
      oldValue: 102,
      newValue: 102,
      newProposed: 110,
      byOrg: world.a.org.id,
    })
    // The same file again: the proposal is already the manufacturer's, the accepted figure already agreed.
    const before = await snapshot()
    const again = await upload(cookies.manager, csv)
    expect(again.body).toContain('consensus: 0 proposed, 0 accepted, 6 already the same.')
    expect(await snapshot()).toEqual(before)
  })

  test('a malformed file changes nothing and names every bad row and column', async () => {
    const before = await snapshot()
    const header = await upload(
      cookies.retailer,
      `sku,name,line,1/4/2027,2027-01-12,2027-03-01\n${sku.kettle},,retailer,1,2,3\n`,
    )
    expect(header.status).toBe(422)
    expect(header.body).toContain('Nothing was imported')
    expect(header.body).toContain('Line 1, 1/4/2027: “1/4/2027” is not a week written YYYY-MM-DD.')
    expect(header.body).toContain('Line 1, 2027-01-12: 2027-01-12 is not a Monday, the day a week starts.')
    expect(header.body).toContain(
      `Line 1, 2027-03-01: 2027-03-01 is not a week of this plan (its weeks start ${weeks[0]} to ${weeks[2]}).`,
    )

    let csv = await exportCsv()
    csv = withFigure(csv, sku.kettle, 'retailer', weeks[1], '12.5')
    csv = withFigure(csv, sku.kettle, 'manufacturer', weeks[0], '101')
    csv = withFigure(csv, sku.toaster, 'consensus', weeks[0], 'lots')
    csv = `${csv.trimEnd()}\r\nNOPE-${tag},Ghost,retailer,1,,\r\n`
    const res = await upload(cookies.retailer, csv)
    expect(res.status).toBe(422)
    expect(res.body).toContain('The file has 4 problems.')
    expect(res.body).toContain(
      'Line 3, 2027-01-11: must be a whole number of 0 or more, written with digits only.',
    )
    expect(res.body).toContain(
      "Line 2, 2027-01-04: the manufacturer line is the other side's forecast: its figures cannot change here.",
    )
    expect(res.body).toContain('Line 8, 2027-01-04: must be a whole number of 0 or more')
    expect(res.body).toContain(`Line 10, sku: NOPE-${tag} is not a product on this plan.`)

    const cleared = withFigure(await exportCsv(), sku.kettle, 'consensus', weeks[1], '')
    const blank = await upload(cookies.retailer, cleared)
    expect(blank.status).toBe(422)
    expect(blank.body).toContain('Line 4, 2027-01-11: a consensus figure cannot be cleared')
    expect(await snapshot()).toEqual(before)
  })

  test('a binary file renamed .csv, an image and a file over 5 MB are refused', async () => {
    const before = await snapshot()
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48])
    const renamed = await upload(cookies.manager, png, 'text/csv', 'forecast.csv')
    expect(renamed.status).toBe(400)
    expect(renamed.body).toContain('This file is not UTF-8 text')
    const image = await upload(cookies.manager, png, 'image/png', 'shelf.png')
    expect(image.status).toBe(400)
    expect(image.body).toContain('it was sent as image/png')
    const big = await upload(cookies.manager, 'x'.repeat(5_100_000))
    expect(big.status).toBe(400)
    expect(big.body).toContain('The file is larger than 5 MB.')
    expect(big.headers.get('connection')).toBe('close')
    expect(await snapshot()).toEqual(before)
  })

  test('a viewer reads and exports but cannot import; a closed plan says why', async () => {
    const before = await snapshot()
    const page = await h.request(`/forecasts/${forecastId}/import`, { cookie: cookies.viewer })
    expect(page.status).toBe(200)
    const html = readable(await page.text())
    expect(html).toContain('Your role can read this plan but not change its figures.')
    expect(html).not.toContain('name="file"')
    expect(html).toContain(`href="/forecasts/${forecastId}/export.csv"`)
    expect((await h.request(`/forecasts/${forecastId}/export.csv`, { cookie: cookies.viewer })).status).toBe(
      200,
    )
    const refused = await upload(cookies.viewer, await exportCsv())
    expect(refused.status).toBe(403)
    expect(await snapshot()).toEqual(before)

    const closed = readable(
      await (await h.request(`/forecasts/${closedId}/import`, { cookie: cookies.manager })).text(),
    )
    expect(closed).toContain('This plan cannot be changed: it is archived')
    const closedUpload = await upload(
      cookies.manager,
      `sku,line,${weeks[0]}\n${sku.kettle},manufacturer,1\n`,
      'text/csv',
      'f.csv',
      closedId,
    )
    expect(closedUpload.status).toBe(409)

    const editor = readable(
      await (await h.request(`/forecasts/${forecastId}/import`, { cookie: cookies.retailer })).text(),
    )
    expect(editor).toContain('name="file"')
    expect(editor).toContain("Your side's rows in the file are the retailer rows")
  })

  test("another org's people get 404 for the page, the upload and both exports", async () => {
    const before = await snapshot()
    for (const cookie of [cookies.foreign, cookies.portal]) {
      for (const path of ['/import', '/export.csv', '/export.xlsx']) {
        const res = await h.request(`/forecasts/${forecastId}${path}`, { cookie })
        expect(res.status, path).toBe(404)
      }
      expect((await upload(cookie, `sku,line,${weeks[0]}\n${sku.kettle},manufacturer,1\n`)).status).toBe(404)
    }
    expect(await snapshot()).toEqual(before)
  })

  test('the .xlsx export opens as a workbook holding the figures', async () => {
    const res = await h.request(`/forecasts/${forecastId}/export.xlsx`, { cookie: cookies.retailer })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Spring-${tag}-2027-${weeks[0]}.xlsx"`,
    )
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const bytes = Buffer.from(await res.arrayBuffer())
    // A zip's local file header.
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
    const rows = sheetRows(unzip(bytes), 1)
    expect(rows[0]).toEqual(['sku', 'name', 'line', ...weeks])
    expect(rows.slice(1, 5)).toEqual([
      [sku.kettle, 'Kettle 1.7 l', 'manufacturer', 100, 80, 75],
      [sku.kettle, 'Kettle 1.7 l', 'retailer', 104, 80, null],
      [sku.kettle, 'Kettle 1.7 l', 'consensus', 102, 90, null],
      [sku.kettle, 'Kettle 1.7 l', 'actual', null, null, null],
    ])
    expect(rows[8]).toEqual([sku.toaster, 'Toaster', 'actual', 49, null, null])
  })
})

/** The parts of a zip by name, read through its central directory (ECMA-376 packages are plain zips). */
function unzip(zip: Buffer): Map<string, string> {
  const files = new Map<string, string>()
  let end = zip.length - 22
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const method = zip.readUInt16LE(at + 10)
    const size = zip.readUInt32LE(at + 20)
    const nameLength = zip.readUInt16LE(at + 28)
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    const local = zip.readUInt32LE(at + 42)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + size)
    files.set(
      zip.toString('utf8', at + 46, at + 46 + nameLength),
      (method === 8 ? inflateRawSync(data) : data).toString('utf8'),
    )
    at += 46 + skip
  }
  return files
}

/** A sheet's rows as a spreadsheet shows them: shared strings resolved, numbers as numbers, blanks as null. */
function sheetRows(files: Map<string, string>, sheet: number) {
  const strings = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => readable(t[1])).join(''),
  )
  const rows: (string | number | null)[][] = []
  const xml = files.get(`xl/worksheets/sheet${sheet}.xml`) ?? ''
  for (const row of xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/gs)) {
    const cells: (string | number | null)[] = []
    for (const cell of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const column = [...cell[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1
      while (cells.length < column) cells.push(null)
      const value = cell[3]?.match(/<v>(.*?)<\/v>/s)?.[1]
      cells.push(value === undefined ? null : /t="s"/.test(cell[2]) ? strings[Number(value)] : Number(value))
    }
    rows[Number(row[1]) - 1] = cells
  }
  const width = Math.max(...rows.map((r) => r?.length ?? 0))
  return rows.map((r) => [...(r ?? []), ...Array<null>(width - (r?.length ?? 0)).fill(null)])
}
