import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { safeRedirect } from '#app/features/auth/safe-redirect.server.ts'
import { badRequest } from '#app/lib/errors.ts'
import { readForm } from '#app/lib/form.server.ts'
import { isSupported } from '#app/lib/i18n/config.ts'
import { localeCookie } from '#app/lib/i18n/i18n.server.ts'

// Open to everyone: choosing a language reveals and changes nothing but this browser's cookie.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const locale = form.get('locale')
  if (typeof locale !== 'string' || !isSupported(locale)) badRequest('Unknown language')
  return redirect(safeRedirect(form.get('redirectTo')), {
    headers: { 'Set-Cookie': await localeCookie.serialize(locale) },
  })
}

export async function loader() {
  return redirect('/')
}
