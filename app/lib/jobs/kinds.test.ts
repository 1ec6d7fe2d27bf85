import { describe, expect, test, vi } from 'vitest'
import type { Job } from '#db/schema/index.ts'
import { defineJobHandlers, jobPayloads } from './kinds.ts'

const job = (kind: string, payload: unknown) => ({ id: 'j', kind, payload }) as unknown as Job

function handlersWith(preview: (payload: { versionId: string }) => Promise<void>) {
  const none = async () => {}
  return defineJobHandlers({
    'invoices.overdue_sweep': none,
    'chat.digests': none,
    'notifications.emails': none,
    'downloads.invoice_pdfs': none,
    'documents.preview': preview,
    'claims.proof_preview': none,
  })
}

describe('the job registry', () => {
  test('a handler exists for every registered kind', () => {
    expect(Object.keys(handlersWith(async () => {})).sort()).toEqual(Object.keys(jobPayloads).sort())
  })

  test('a handler receives its parsed payload', async () => {
    const preview = vi.fn(async (_: { versionId: string }) => {})
    const versionId = crypto.randomUUID()
    await handlersWith(preview)['documents.preview'](job('documents.preview', { versionId }))
    expect(preview).toHaveBeenCalledWith({ versionId }, expect.anything())
  })

  test('a malformed payload fails the job without running the handler', async () => {
    const preview = vi.fn(async (_: { versionId: string }) => {})
    const handlers = handlersWith(preview)
    await expect(
      handlers['documents.preview'](job('documents.preview', { versionId: 'nope' })),
    ).rejects.toThrow(/uuid/i)
    await expect(handlers['documents.preview'](job('documents.preview', {}))).rejects.toThrow(/versionId/)
    expect(preview).not.toHaveBeenCalled()
  })
})
