import crypto from 'node:crypto'

export type KeyPrefix = 'documents' | 'previews' | 'downloads' | 'claims'

/** Object keys are random: never derived from a file name, never guessable, spread by month for listing. */
export function newObjectKey(prefix: KeyPrefix, now = new Date()) {
  const month = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`
  return `${prefix}/${month}/${crypto.randomUUID()}`
}

const safeKey = /^(?:[A-Za-z0-9_-]+\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/** Keys the app writes look like newObjectKey's; anything else (dots-only segments, absolute paths) is refused. */
export function assertSafeKey(key: string) {
  if (key.length > 300 || !safeKey.test(key) || key.split('/').some((part) => /^\.+$/.test(part))) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`)
  }
}
