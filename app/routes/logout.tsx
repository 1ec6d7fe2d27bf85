import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { getAuth } from '#app/features/auth/require.server.ts'
import { clearSessionCookie, invalidateSession } from '#app/features/auth/session.server.ts'

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request)
  if (auth) await invalidateSession(auth.session.id)
  return redirect('/login', { headers: { 'Set-Cookie': clearSessionCookie() } })
}

export async function loader() {
  return redirect('/')
}
