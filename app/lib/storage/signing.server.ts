import crypto from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { getConfig } from '#config/env.ts'

/** What a local download link carries; the HMAC makes it tamper-proof, `exp` short-lived. */
export type SignedGrant = {
  key: string
  exp: number
  name: string
  type: string
  disposition: 'attachment' | 'inline'
}

// On globalThis: the server build and code outside it (tests) must sign and verify with the same secret.
const key = Symbol.for('tandem.storage-secret')
type Holder = { [key]?: Buffer }

/** STORAGE_SIGNING_SECRET, else a random secret created once in DATA_DIR (mode 0600) and reused after restarts. */
function secret(): Buffer {
  const holder = globalThis as Holder
  holder[key] ??= loadSecret()
  return holder[key]
}

function loadSecret(): Buffer {
  const configured = getConfig().STORAGE_SIGNING_SECRET
  if (configured) return Buffer.from(configured)
  const file = path.resolve(getConfig().DATA_DIR, 'storage-secret')
  try {
    return readFileSync(file)
  } catch {
    mkdirSync(path.dirname(file), { recursive: true })
    const fresh = crypto.randomBytes(32)
    try {
      writeFileSync(file, fresh, { mode: 0o600, flag: 'wx' })
      return fresh
    } catch {
      // Another process wrote it first: use theirs.
      return readFileSync(file)
    }
  }
}

export function resetSigningSecret() {
  ;(globalThis as Holder)[key] = undefined
}

function mac(payload: string) {
  return crypto.createHmac('sha256', secret()).update(payload).digest()
}

export function signGrant(grant: SignedGrant): string {
  const payload = Buffer.from(JSON.stringify(grant)).toString('base64url')
  return `${payload}.${mac(payload).toString('base64url')}`
}

/** The grant inside a token, or why it is refused. */
export function verifyGrant(token: string, now = Date.now()): SignedGrant | 'invalid' | 'expired' {
  const [payload, signature] = token.split('.')
  if (!payload || !signature) return 'invalid'
  const expected = mac(payload)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return 'invalid'
  let grant: SignedGrant
  try {
    grant = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedGrant
  } catch {
    return 'invalid'
  }
  if (typeof grant.exp !== 'number' || grant.exp * 1000 < now) return 'expired'
  return grant
}
