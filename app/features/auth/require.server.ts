import { redirect } from '@remix-run/node'
import { forbidden } from '#app/lib/errors.ts'
import type { Tx } from '#db/client.ts'
import { withTenant } from '#db/tenant.ts'
import { can, type Permission } from './permissions.ts'
import { readSessionToken, type ValidSession, validateSessionToken } from './session.server.ts'

export type AuthContext = ValidSession & {
  /** Runs fn in a transaction scoped (by row-level security) to this user and their active org. */
  db: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>
}

// Root, layout and page loaders of one request run in parallel; they share one session lookup.
const perRequest = new WeakMap<Request, Promise<AuthContext | null>>()

export function getAuth(request: Request): Promise<AuthContext | null> {
  let auth = perRequest.get(request)
  if (!auth) {
    auth = loadAuth(request)
    perRequest.set(request, auth)
  }
  return auth
}

async function loadAuth(request: Request): Promise<AuthContext | null> {
  const token = readSessionToken(request)
  if (!token) return null
  const valid = await validateSessionToken(token)
  if (!valid) return null
  const scope = { orgId: valid.org.id, userId: valid.user.id }
  return { ...valid, db: (fn) => withTenant(scope, fn) }
}

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<AuthContext> {
  const auth = await getAuth(request)
  if (auth) return auth
  const url = new URL(request.url)
  const redirectTo = url.pathname + url.search
  throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
}

/** Signed in and allowed; a missing permission is a 403, never a silent empty page. */
export async function requirePermission(request: Request, permission: Permission): Promise<AuthContext> {
  const auth = await requireUser(request)
  assertPermission(auth, permission)
  return auth
}

export function assertPermission(auth: Pick<AuthContext, 'role'>, permission: Permission) {
  if (!can(auth.role, permission)) {
    forbidden('You do not have permission to do this.')
  }
}

export async function requireAnonymous(request: Request) {
  if (await getAuth(request)) throw redirect('/dashboard')
}
