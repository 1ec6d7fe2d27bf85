import { sql } from 'drizzle-orm'
import type { PartnershipAction } from '#app/features/partners/status-rules.ts'
import { rowsOf } from '#db/rows.ts'
import { asSystem } from '#db/tenant.ts'
import type { Identity } from './world.ts'

/**
 * A VALID request for every action route that takes a record in its URL, kept next to the world: the access
 * matrix sends it to another org's record (it must be refused with 403 or 404, never a validation error, since the
 * body is valid) and to A's own record as the positive control (it must succeed and write). A route with an action
 * and no entry here fails the matrix, so a new action route cannot go untested.
 */

/** What a body builder may ask about the record it is aimed at (A's own, or another org's). */
export type Side = {
  /** The record of this side for a route param (`quoteId`, `channelId`, ...). */
  id: (param: string) => Promise<string>
  /** The record's current `version` column (optimistic concurrency). */
  version: (table: string, param: string) => Promise<string>
}

export type Body =
  | { form: Record<string, string | string[]> }
  | { json: unknown }
  | { multipart: FormData }
  | { raw: string; type: string }

export type Replay = {
  /** What the request does, for test names. */
  label: string
  body: (side: Side) => Promise<Body>
  /** Records named otherwise in the world for some URL params (`{ quoteId: 'draftQuoteId' }`). */
  use?: Record<string, string>
  /** Added to the URL (an upload's file name). */
  query?: string
  /** Who succeeds with it on A's own record: the side and role the action is meant for. */
  as?: Identity
  /**
   * Why the positive control does not expect a new or changed row (opening a discussion that exists already).
   * Still required: a 2xx or a redirect.
   */
  noWrite?: string
  /**
   * The world's own record cannot take this request (a sent quote is no draft): the control then expects this
   * refusal, which comes from the record's state, after authorization (a stranger gets 404 instead).
   */
  ownRefusal?: { status: number; error: string; why: string }
  /** What it does to a partnership's records (decision 0024), when not `write`: the status matrix expects it allowed so. */
  action?: PartnershipAction
}

const today = () => new Date().toISOString().slice(0, 10)
const file = (name: string, type: string, text: string) => new File([text], name, { type })

/** `version` of the row with this id, as text (the forms send it so). */
export async function versionOf(table: string, id: string): Promise<string> {
  const [row] = await asSystem((tx) =>
    rowsOf<{ version: string }>(
      tx,
      sql`select version::text as version from ${sql.identifier(table)} where id::text = ${id}`,
    ),
  )
  if (!row) throw new Error(`No ${table} row ${id}`)
  return row.version
}

async function skuOf(productId: string): Promise<string> {
  const [row] = await asSystem((tx) =>
    rowsOf<{ sku: string }>(tx, sql`select sku from products where id::text = ${productId}`),
  )
  return row?.sku ?? 'unknown'
}

const thread = (what: string): Replay[] => [
  {
    label: `open the ${what}'s discussion`,
    body: async () => ({ form: {} }),
    noWrite: 'a discussion is opened once',
  },
]

/** By route id. Order matters for the positive controls: they run in this order, on the same records. */
export const replays: Record<string, Replay[]> = {
  'routes/_app.admin.users.$userId': [
    { label: 'change the role', body: async () => ({ form: { intent: 'role', role: 'viewer' } }) },
  ],
  'routes/_app.chat.$channelId.messages': [
    {
      label: 'post a message',
      body: async () => ({ form: { body: 'Replayed message', clientId: crypto.randomUUID() } }),
    },
  ],
  'routes/_app.chat.$channelId.messages.$chatMessageId': [
    { label: 'react to a message', body: async () => ({ form: { intent: 'react', emoji: '🎉' } }) },
  ],
  'routes/_app.chat.$channelId.read': [
    {
      label: 'move the read mark',
      // The partner has not read the channel yet; A's owner has.
      as: 'partner-retailer',
      body: async (side) => ({ form: { lastReadId: await side.id('chatMessageId') } }),
    },
  ],
  'routes/_app.files.folders.$folderId': [
    { label: 'create a subfolder', body: async () => ({ form: { name: 'Replayed folder' } }) },
  ],
  'routes/_app.files.folders.$folderId.upload': [
    {
      label: 'upload a file',
      query: '?name=replayed.txt',
      body: async () => ({ raw: 'replayed', type: 'application/octet-stream' }),
    },
  ],
  'routes/_app.forecasts.$forecastId_.cells': [
    {
      label: 'save a cell',
      body: async (side) => ({
        json: {
          intent: 'save',
          line: 'host',
          cells: [
            {
              productId: await side.id('forecastProductId'),
              weekStart: '2027-01-11',
              value: 120,
              baseVersion: 0,
            },
          ],
        },
      }),
    },
  ],
  'routes/_app.forecasts.$forecastId_.exceptions_.$forecastExceptionId': [
    {
      label: 'explain an exception',
      body: async (side) => ({
        form: {
          intent: 'explain',
          version: await side.version('forecast_exceptions', 'forecastExceptionId'),
          note: 'Replayed explanation',
        },
      }),
    },
  ],
  'routes/_app.forecasts.$forecastId_.exceptions_.$forecastExceptionId_.thread': thread('exception'),
  'routes/_app.forecasts.$forecastId_.import': [
    {
      label: 'import a CSV',
      ownRefusal: {
        status: 422,
        error: '',
        why: 'its rows are refused one by one, after the plan was found',
      },
      body: async (side) => {
        const form = new FormData()
        const sku = await skuOf(await side.id('productId'))
        form.set('file', file('plan.csv', 'text/csv', `sku,line,2027-01-11\n${sku},host,150\n`))
        return { multipart: form }
      },
    },
  ],
  'routes/_app.forecasts.$forecastId_.versions': [
    {
      label: 'publish a version',
      body: async () => ({ form: { intent: 'publish', note: 'Replayed version' } }),
    },
  ],
  // After the other plan requests: an archived plan takes no more changes.
  'routes/_app.forecasts.$forecastId_.setup': [
    { label: 'archive the plan', body: async () => ({ form: { intent: 'archive' } }) },
  ],
  'routes/_app.funds.$fundId': [
    {
      label: 'allocate to a partner',
      body: async (side) => ({
        form: { partnershipId: await side.id('partnershipId'), amount: '10.00', reason: 'Replayed' },
      }),
    },
  ],
  'routes/_app.invoices.$invoiceId': [
    {
      label: 'record a payment',
      action: 'pay',
      body: async () => ({
        form: {
          intent: 'payment',
          idempotencyKey: crypto.randomUUID(),
          amount: '1.00',
          paidOn: today(),
          method: 'bank_transfer',
          reference: 'Replayed',
        },
      }),
    },
  ],
  'routes/_app.invoices.$invoiceId_.edit': [
    {
      label: 'save the draft',
      use: { invoiceId: 'draftInvoiceId' },
      body: async (side) => ({
        form: {
          version: await side.version('invoices', 'draftInvoiceId'),
          currency: 'USD',
          paymentTermsDays: '30',
          'lines[0].description': 'Replayed line',
          'lines[0].quantity': '1',
          'lines[0].unitPrice': '10.00',
        },
      }),
    },
  ],
  'routes/_app.invoices.$invoiceId_.thread': thread('invoice'),
  'routes/_app.notifications.$notificationId': [
    {
      label: 'open a notification',
      // A person's own notification marked read: reading, whatever partnership it speaks of.
      action: 'read',
      body: async () => ({ form: {} }),
    },
  ],
  'routes/_app.partners.$partnershipId_.chat': [
    { label: "open the partnership's channel", body: async () => ({ form: {} }), noWrite: 'opened once' },
  ],
  'routes/_app.partners.$partnershipId_.files': [
    { label: "open the partnership's folder", body: async () => ({ form: {} }), noWrite: 'opened once' },
  ],
  'routes/_app.products.$productId': [
    {
      label: 'deactivate a product',
      body: async (side) => ({
        form: { intent: 'deactivate', version: await side.version('products', 'productId') },
      }),
    },
  ],
  'routes/_app.promotions.$promotionId_.claims': [
    {
      label: 'file a claim',
      as: 'customer-portal',
      ownRefusal: {
        status: 403,
        error: 'claims:errors.readOnly',
        why: "the world's claimant is a portal user",
      },
      body: async () => {
        const form = new FormData()
        form.set('intent', 'file')
        form.set('amount', '10.00')
        form.set('description', 'Replayed claim')
        form.set('idempotencyKey', crypto.randomUUID())
        form.set('proofs', file('proof.pdf', 'application/pdf', '%PDF-1.4 replayed'))
        return { multipart: form }
      },
    },
  ],
  'routes/_app.claims.$claimId': [
    {
      label: 'reject a claim',
      body: async (side) => ({
        form: {
          intent: 'reject',
          version: await side.version('claims', 'claimId'),
          from: 'claim',
          reason: 'Replayed',
        },
      }),
    },
  ],
  'routes/_app.promotions.$promotionId_.thread': thread('promotion'),
  'routes/_app.promotions.$promotionId_.volumes': [
    {
      label: "remove a promotion's product",
      body: async (side) => ({
        form: { intent: 'remove', promotionProductId: await side.id('promotionProductId') },
      }),
    },
  ],
  'routes/_app.promotions.$promotionId_.volumes_.import': [
    {
      label: 'import actuals',
      body: async () => {
        const form = new FormData()
        form.set('file', file('actuals.csv', 'text/csv', 'sku,week,units\nunknown,2027-02-01,5\n'))
        return { multipart: form }
      },
      ownRefusal: { status: 409, error: '', why: 'the promotion is a draft: actuals come after it runs' },
    },
  ],
  'routes/_app.promotions.$promotionId': [
    { label: 'cancel a promotion', body: async () => ({ form: { intent: 'cancel', reason: 'Replayed' } }) },
  ],
  'routes/_app.quotes.$quoteId_.edit': [
    {
      label: 'save the draft',
      use: { quoteId: 'draftQuoteId' },
      body: async (side) => ({
        form: {
          version: await side.version('quotes', 'draftQuoteId'),
          title: 'Replayed quote',
          currency: 'USD',
          validUntil: '2027-12-31',
          'lines[0].description': 'Replayed line',
          'lines[0].quantity': '1',
          'lines[0].unitPrice': '10.00',
        },
      }),
    },
  ],
  'routes/_app.quotes.$quoteId_.thread': thread('quote'),
  'routes/_app.quotes.$quoteId': [
    {
      label: 'decline a quote',
      as: 'customer-portal',
      body: async (side) => ({
        form: { intent: 'decline', version: await side.version('quotes', 'quoteId'), reason: 'Replayed' },
      }),
    },
  ],
  'routes/_app.quotes.$quoteId_.invoice': [
    {
      label: 'invoice a quote',
      ownRefusal: { status: 409, error: 'invoices:errors.quoteNotAccepted', why: 'the quote is declined' },
      body: async () => ({ form: {} }),
    },
  ],
  // Last: it changes the partnership the other controls run on.
  'routes/_app.partners.$partnershipId': [
    {
      label: 'suspend a partnership',
      body: async (side) => ({
        form: { intent: 'suspend', version: await side.version('partnerships', 'partnershipId') },
      }),
    },
  ],
}

/** The request init for a replay body (the harness only sends url-encoded forms). */
export function requestInit(body: Body): { body: BodyInit; contentType?: string } {
  if ('form' in body) {
    const form = new URLSearchParams()
    for (const [k, v] of Object.entries(body.form)) for (const x of [v].flat()) form.append(k, x)
    return { body: form, contentType: 'application/x-www-form-urlencoded' }
  }
  if ('json' in body) return { body: JSON.stringify(body.json), contentType: 'application/json' }
  if ('multipart' in body) return { body: body.multipart }
  return { body: body.raw, contentType: body.type }
}
