import type { Submission } from '@conform-to/react'
import { data } from '@remix-run/node'
import { type AppError, forbidden, notFound } from '#app/lib/errors.ts'
import { getFixedT, resolveLocale } from '#app/lib/i18n/i18n.server.ts'
import type { AuthContext } from '../auth/require.server.ts'

/**
 * A product service's refusal as the HTTP answer: another org's product is a 404, a refusal a 403, and a taken
 * SKU or a stale version the form back with the reason (the typed values are kept).
 */
export async function productFormReply(
  request: Request,
  auth: AuthContext,
  submission: Pick<Submission<unknown, string[]>, 'reply'>,
  error: AppError,
) {
  if (error.code === 'not_found') notFound()
  if (error.code === 'forbidden') forbidden(error.message)
  if (error.details?.field === 'sku') {
    // The message names the SKU, so it is translated here rather than by key in the browser.
    const locale = await resolveLocale(request, { user: auth.user.locale, org: auth.org.locale })
    const t = await getFixedT(locale, 'products')
    const message = t('errors.skuTaken', { sku: String(error.details.sku) })
    return data(submission.reply({ fieldErrors: { sku: [message] } }), { status: error.status })
  }
  return data(submission.reply({ formErrors: [error.message] }), { status: error.status })
}
