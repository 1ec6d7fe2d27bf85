import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { getAuth } from '#app/features/auth/require.server.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect((await getAuth(request)) ? '/dashboard' : '/login')
}
