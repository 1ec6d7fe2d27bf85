import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { countingStream, toReadable } from './counting.server.ts'
import { assertSafeKey } from './keys.ts'
import { signGrant } from './signing.server.ts'
import type { Storage } from './types.ts'

/**
 * Files under `<root>/<key>`, the embedded default. Writes go to a temporary name and are renamed when complete, so
 * no reader sees half a file. Content types live beside the file (`<key>.type`), as S3 keeps them with the object.
 */
export function localStorage(root: string): Storage {
  const fileOf = (key: string) => {
    assertSafeKey(key)
    return path.join(root, key)
  }
  return {
    kind: 'local',
    async put(key, body, options) {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true })
      const temp = `${file}.${process.pid}.${Date.now()}.part`
      const counter = countingStream(options)
      try {
        await pipeline(toReadable(body), counter.transform, createWriteStream(temp))
        await writeFile(`${file}.type`, options.contentType)
        await rename(temp, file)
      } catch (error) {
        await rm(temp, { force: true })
        throw error
      }
      return { byteSize: counter.bytes() }
    },
    async get(key) {
      const head = await this.head(key)
      if (!head) return null
      return { ...head, body: createReadStream(fileOf(key)) }
    },
    async head(key) {
      const file = fileOf(key)
      const info = await stat(file).catch(() => null)
      if (!info?.isFile()) return null
      const contentType = await readFile(`${file}.type`, 'utf8').catch(() => 'application/octet-stream')
      return { byteSize: info.size, contentType }
    },
    async delete(key) {
      const file = fileOf(key)
      await Promise.all([rm(file, { force: true }), rm(`${file}.type`, { force: true })])
    },
    async signedUrl(key, options) {
      assertSafeKey(key)
      const token = signGrant({
        key,
        exp: Math.floor(Date.now() / 1000) + (options.expiresIn ?? 60),
        name: options.fileName,
        type: options.contentType,
        disposition: options.disposition ?? 'attachment',
      })
      return `/storage/${token}`
    },
  }
}
