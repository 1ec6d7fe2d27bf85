import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { type AuthContext, assertPermission } from '#app/features/auth/require.server.ts'
import { AppError, orRespond } from '#app/lib/errors.ts'
import type { TandemLoadContext } from '#app/lib/load-context.ts'
import { runService, type ServiceContext } from '../service-context.server.ts'
import { findInvoice } from './find-invoice.server.ts'
import { issueInvoice } from './issue-invoice.server.ts'
import { recordPayment } from './record-payment.server.ts'
import { IssueInvoiceSchema, RecordPaymentSchema, VoidInvoiceSchema } from './schemas.ts'
import { voidInvoice } from './void-invoice.server.ts'

type Args = {
  context: TandemLoadContext
  auth: AuthContext
  invoiceId: string
  form: FormData
}

const reply = (intent: string, result: unknown, status: number) => data({ intent, result }, { status })

/**
 * The invoice page's actions. An invoice the caller cannot see answers 404 whatever the form says; then each
 * intent checks its own permission, and the services check the side, the state and the version. A refusal comes
 * back on the form that asked.
 */
export async function handleInvoiceAction({ context, auth, invoiceId, form }: Args) {
  const here = `/invoices/${invoiceId}`
  const timeZone = auth.org.timeZone
  await orRespond(() => runService(auth, context, (ctx) => findInvoice(ctx, invoiceId)))

  /** Runs the service for a valid form; a typed refusal goes back to that form with its status. */
  async function settle<V>(
    intent: string,
    submission: Submission<unknown, string[], V>,
    fn: (ctx: ServiceContext, value: V) => Promise<string>,
  ) {
    if (submission.status !== 'success') return reply(intent, submission.reply(), 400)
    try {
      const notice = await runService(auth, context, (ctx) => fn(ctx, submission.value))
      return redirect(`${here}?${notice}=1`)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return reply(intent, submission.reply({ formErrors: [error.message] }), error.status)
    }
  }

  const intent = String(form.get('intent') ?? '')
  if (intent === 'issue') {
    assertPermission(auth, 'invoices:write')
    const origin = appOrigin()
    return settle(intent, parseWithZod(form, { schema: IssueInvoiceSchema }), async (ctx, value) => {
      await issueInvoice(ctx, invoiceId, { ...value, origin, timeZone })
      return 'issued'
    })
  }
  if (intent === 'payment') {
    assertPermission(auth, 'invoices:payments')
    return settle(intent, parseWithZod(form, { schema: RecordPaymentSchema }), async (ctx, value) => {
      const result = await recordPayment(ctx, invoiceId, { ...value, timeZone })
      return result.status === 'paid' ? 'paidInFull' : 'paid'
    })
  }
  if (intent === 'void') {
    assertPermission(auth, 'invoices:void')
    return settle(intent, parseWithZod(form, { schema: VoidInvoiceSchema }), async (ctx, value) => {
      await voidInvoice(ctx, invoiceId, value)
      return 'voided'
    })
  }
  return reply(intent, null, 400)
}
