import path from 'node:path'
import { type Config, getConfig } from '#config/env.ts'
import { localStorage } from './local.server.ts'
import { s3Storage } from './s3.server.ts'
import { resetSigningSecret } from './signing.server.ts'
import type { Storage } from './types.ts'

export { newObjectKey } from './keys.ts'

const MB = 1024 * 1024

export function storageFrom(config: Config): Storage {
  if (!config.S3_BUCKET) return localStorage(path.resolve(config.DATA_DIR, 'storage'))
  return s3Storage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: (config.S3_FORCE_PATH_STYLE ?? (config.S3_ENDPOINT ? 'true' : 'false')) === 'true',
    checksums: config.S3_CHECKSUMS,
    partSizeBytes: config.S3_PART_SIZE_MB * MB,
    queueSize: config.S3_QUEUE_SIZE,
  })
}

// One storage per process, on globalThis like the config, so the server build and code outside it share it.
const key = Symbol.for('tandem.storage')
type Holder = { [key]?: Storage }

export function getStorage(): Storage {
  const holder = globalThis as Holder
  holder[key] ??= storageFrom(getConfig())
  return holder[key]
}

/** Tests change DATA_DIR or S3 settings, then call this so the next getStorage() follows them. */
export function resetStorage() {
  ;(globalThis as Holder)[key] = undefined
  resetSigningSecret()
}

export function uploadLimitBytes() {
  return getConfig().UPLOAD_MAX_MB * MB
}
