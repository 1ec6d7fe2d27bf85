import { parseWithZod } from '@conform-to/zod'
import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { appOrigin } from '#app/features/auth/app-origin.server.ts'
import { type AuthContext, assertPermission } from '#app/features/auth/require.server.ts'
import { AppError } from '#app/lib/errors.ts'
import type { TandemLoadContext } from '#app/lib/load-context.ts'
import { runService } from '../service-context.server.ts'
import { acceptQuote, declineQuote } from './respond-to-quote.server.ts'
import { reviseQuote } from './revise-quote.server.ts'
import { AcceptQuoteSchema, DeclineQuoteSchema } from './schemas.ts'
import { sendQuote } from './send-quote.server.ts'

const VersionOnly = z.object({ intent: z.enum(['send', 'revise']), version: z.coerce.number().int() })

type Args = {
  request: Request
  context: TandemLoadContext
  auth: AuthContext
  quoteId: string
  form: FormData
}

const reply = (intent: string, result: unknown, status: number) => data({ intent, result }, { status })

/**
 * The quote page's actions. Each intent checks its own permission; the services check the side (seller/buyer),
 * the state and the version, and a refusal comes back on the form that asked.
 */
export async function handleQuoteAction({ request, context, auth, quoteId, form }: Args) {
  const intent = String(form.get('intent') ?? '')
  const here = `/quotes/${quoteId}`
  const run = <T>(fn: Parameters<typeof runService<T>>[2]) => runService(auth, context, fn)

  if (intent === 'send' || intent === 'revise') {
    assertPermission(auth, 'quotes:write')
    const submission = parseWithZod(form, { schema: VersionOnly })
    if (submission.status !== 'success') return reply(intent, submission.reply(), 400)
    try {
      if (intent === 'send') {
        const origin = appOrigin()
        await run((ctx) =>
          sendQuote(ctx, quoteId, { ...submission.value, origin, timeZone: auth.org.timeZone }),
        )
        return redirect(`${here}?sent=1`)
      }
      await run((ctx) => reviseQuote(ctx, quoteId, submission.value.version))
      return redirect(`${here}/edit`)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return reply(intent, submission.reply({ formErrors: [error.message] }), error.status)
    }
  }

  if (intent === 'accept' || intent === 'decline') {
    assertPermission(auth, 'quotes:respond')
    const submission =
      intent === 'accept'
        ? parseWithZod(form, { schema: AcceptQuoteSchema })
        : parseWithZod(form, { schema: DeclineQuoteSchema })
    if (submission.status !== 'success') return reply(intent, submission.reply(), 400)
    const where = {
      ip: context.ip ?? null,
      userAgent: request.headers.get('user-agent'),
      timeZone: auth.org.timeZone,
    }
    try {
      const value = submission.value
      if (value.intent === 'accept') await run((ctx) => acceptQuote(ctx, quoteId, { ...value, ...where }))
      else await run((ctx) => declineQuote(ctx, quoteId, { ...value, timeZone: where.timeZone }))
      return redirect(`${here}?${intent}ed=1`)
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return reply(intent, submission.reply({ formErrors: [error.message] }), error.status)
    }
  }
  return reply(intent, null, 400)
}
