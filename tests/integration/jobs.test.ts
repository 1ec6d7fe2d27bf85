import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sweepOverdueInvoices } from '#app/features/invoices/mark-overdue.server.ts'
import { addDays, todayIn } from '#app/lib/dates.ts'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { drainJobs, runNextJob } from '#app/lib/jobs/runner.server.ts'
import { closeDatabase } from '#db/client.ts'
import { emailOutbox, invoices, jobs } from '#db/schema/index.ts'
import { createInvoiceRecord } from '#db/seed/billing-factory.ts'
import { asSystem } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'
import { createWorld, type World } from './world.ts'

await ensureMigrated()
let world: World
beforeAll(async () => {
  world = await createWorld()
})
afterAll(closeDatabase)

const kind = () => `test.${Math.random().toString(36).slice(2, 10)}`
const jobRow = async (id: string) =>
  (await asSystem((tx) => tx.select().from(jobs).where(eq(jobs.id, id))))[0]
const makeDue = (id: string) =>
  asSystem((tx) =>
    tx
      .update(jobs)
      .set({ runAt: new Date(0) })
      .where(eq(jobs.id, id)),
  )

describe('job queue', () => {
  test('a dedupe key admits one job', async () => {
    const key = `once-${kind()}`
    const first = await asSystem((tx) => enqueueJob(tx, { orgId: null, kind: kind(), dedupeKey: key }))
    const second = await asSystem((tx) => enqueueJob(tx, { orgId: null, kind: kind(), dedupeKey: key }))
    expect(first).toBeTruthy()
    expect(second).toBeNull()
  })

  test('a failing job is retried with back-off, then succeeds; one that keeps failing is marked failed', async () => {
    const flaky = kind()
    let calls = 0
    const handlers = {
      [flaky]: async () => {
        calls++
        if (calls < 3) throw new Error(`attempt ${calls} failed`)
      },
    }
    const id = (await asSystem((tx) => enqueueJob(tx, { orgId: null, kind: flaky }))) as string
    await drainJobs(handlers)
    let row = await jobRow(id)
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'attempt 1 failed' })
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now())
    await makeDue(id)
    await drainJobs(handlers)
    await makeDue(id)
    await drainJobs(handlers)
    row = await jobRow(id)
    expect(row).toMatchObject({ status: 'done', attempts: 3, lastError: null })

    const broken = kind()
    const failing = {
      [broken]: async () => {
        throw new Error('always broken')
      },
    }
    const doomed = (await asSystem((tx) =>
      enqueueJob(tx, { orgId: null, kind: broken, maxAttempts: 2 }),
    )) as string
    for (let i = 0; i < 2; i++) {
      await makeDue(doomed)
      await drainJobs(failing)
    }
    expect(await jobRow(doomed)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'always broken' })
  })

  test('a worker only takes the kinds it handles', async () => {
    const mine = kind()
    const other = (await asSystem((tx) => enqueueJob(tx, { orgId: null, kind: kind() }))) as string
    await drainJobs({ [mine]: async () => {} })
    expect(await jobRow(other)).toMatchObject({ status: 'queued', attempts: 0 })
  })

  test('two workers polling at once never run the same job twice', async () => {
    const k = kind()
    const seen: string[] = []
    const handlers = {
      [k]: async (job: { id: string }) => {
        seen.push(job.id)
        await new Promise((r) => setTimeout(r, 50))
      },
    }
    const ids = await asSystem(async (tx) => [
      await enqueueJob(tx, { orgId: null, kind: k }),
      await enqueueJob(tx, { orgId: null, kind: k }),
      await enqueueJob(tx, { orgId: null, kind: k }),
    ])
    const worker = async () => {
      for (let i = 0; i < 20; i++) await runNextJob(handlers)
    }
    await Promise.all([worker(), worker(), worker()])
    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort())
  })
})

describe('the overdue sweep', () => {
  test('marks past-due invoices overdue and sends one reminder per interval, even when run twice at once', async () => {
    const today = todayIn('UTC')
    const invoice = await asSystem((tx) =>
      createInvoiceRecord(tx, {
        partnershipId: world.partnerships.ac.id,
        hostOrgId: world.a.org.id,
        ownerId: world.a.members.owner.id,
        lines: [{ description: 'Overdue thing', quantity: '1', unitPrice: 10_000 }],
        issued: {
          number: `INV-OVERDUE-${world.marker}`,
          issueDate: addDays(today, -40),
          dueDate: addDays(today, -10),
        },
      }),
    )
    const reminders = () =>
      asSystem((tx) =>
        tx
          .select()
          .from(emailOutbox)
          .where(sql`${emailOutbox.subject} like ${`%INV-OVERDUE-${world.marker}%`}`),
      )
    const origin = 'http://portal.test'
    const sweep = (now: Date) => sweepOverdueInvoices({ now, origin, orgId: world.a.org.id })

    const [first, second] = await Promise.all([sweep(new Date()), sweep(new Date())])
    expect(first.remindersSent + second.remindersSent).toBe(1)
    const [row] = await asSystem((tx) => tx.select().from(invoices).where(eq(invoices.id, invoice.id)))
    expect(row).toMatchObject({ status: 'overdue', remindersSent: 1 })
    const sent = await reminders()
    expect(sent.map((m) => m.toAddress)).toEqual([world.c.portal.email])
    expect(sent[0].text).toContain(`/invoices/${invoice.id}`)

    // The next days' sweeps stay quiet until the interval (7 days by default) has passed.
    await sweep(new Date(Date.now() + 3 * 86_400_000))
    expect(await reminders()).toHaveLength(1)
    await sweep(new Date(Date.now() + 8 * 86_400_000))
    expect(await reminders()).toHaveLength(2)
  })

  test('an invoice not yet due, or paid, is left alone', async () => {
    const today = todayIn('UTC')
    const notDue = await asSystem((tx) =>
      createInvoiceRecord(tx, {
        partnershipId: world.partnerships.ac.id,
        hostOrgId: world.a.org.id,
        ownerId: null,
        lines: [{ description: 'Not due', quantity: '1', unitPrice: 500 }],
        issued: { number: `INV-NOTDUE-${world.marker}`, issueDate: today, dueDate: today },
      }),
    )
    const paid = await asSystem((tx) =>
      createInvoiceRecord(tx, {
        partnershipId: world.partnerships.ac.id,
        hostOrgId: world.a.org.id,
        ownerId: null,
        lines: [{ description: 'Paid', quantity: '1', unitPrice: 500 }],
        issued: {
          number: `INV-PAID-${world.marker}`,
          issueDate: addDays(today, -60),
          dueDate: addDays(today, -30),
        },
        payment: { amount: 500, paidOn: addDays(today, -31) },
      }),
    )
    await sweepOverdueInvoices({ origin: 'http://portal.test', orgId: world.a.org.id })
    const rows = await asSystem((tx) =>
      tx
        .select({ id: invoices.id, status: invoices.status })
        .from(invoices)
        .where(sql`${invoices.id} in (${notDue.id}, ${paid.id})`),
    )
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [notDue.id]: 'issued',
      [paid.id]: 'paid',
    })
  })
})
