import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { sweepOverdueInvoices } from '#app/features/invoices/mark-overdue.server.ts'
import { defineJobHandlers } from '#app/lib/jobs/kinds.ts'
import { enqueueJob } from '#app/lib/jobs/queue.server.ts'
import { asSystem } from '#db/tenant.ts'
import { sendChatDigests } from './features/chat/send-chat-digests.server.ts'
import { makeProofPreview } from './features/claims/make-proof-preview.server.ts'
import { makePdfPreview } from './features/documents/make-preview.server.ts'
import { buildInvoiceZip } from './features/downloads/build-invoice-zip.server.ts'
import { sendNotificationEmails } from './features/notifications/send-notification-emails.server.ts'

/** What runs each kind of background job (payloads typed and parsed by `jobPayloads`). */
export const jobHandlers = defineJobHandlers({
  'invoices.overdue_sweep': async () => {
    await sweepOverdueInvoices({ origin: appOrigin() })
  },
  'downloads.invoice_pdfs': async ({ downloadId }) => {
    await buildInvoiceZip(downloadId)
  },
  'chat.digests': async () => {
    await sendChatDigests({ origin: appOrigin() })
  },
  'notifications.emails': async () => {
    await sendNotificationEmails({ origin: appOrigin() })
  },
  'documents.preview': async ({ versionId }) => {
    await makePdfPreview(versionId)
  },
  'claims.proof_preview': async ({ proofId }) => {
    await makeProofPreview(proofId)
  },
})

/**
 * Enqueues the recurring jobs: the overdue sweep once per UTC day, chat digests once per 5 minutes, notification
 * emails once per 2 minutes (dedupe keys make every later call in the same period a no-op, whichever process calls).
 */
export async function scheduleDailyJobs(now = new Date()) {
  const day = now.toISOString().slice(0, 10)
  const digestSlot = Math.floor(now.getTime() / (5 * 60_000))
  const notificationSlot = Math.floor(now.getTime() / (2 * 60_000))
  await asSystem(async (tx) => {
    await enqueueJob(tx, {
      orgId: null,
      kind: 'invoices.overdue_sweep',
      dedupeKey: `invoices.overdue_sweep:${day}`,
    })
    await enqueueJob(tx, { orgId: null, kind: 'chat.digests', dedupeKey: `chat.digests:${digestSlot}` })
    await enqueueJob(tx, {
      orgId: null,
      kind: 'notifications.emails',
      dedupeKey: `notifications.emails:${notificationSlot}`,
    })
  })
}
