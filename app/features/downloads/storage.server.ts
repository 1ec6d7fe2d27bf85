import { createReadStream } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getConfig } from '#server/config.ts'

// Prepared downloads are files the app wrote itself, kept under DATA_DIR/downloads/<id>.zip until they expire.

function fileFor(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad download id')
  return path.resolve(getConfig().DATA_DIR, 'downloads', `${id}.zip`)
}

/** Writes atomically (temp file, then rename), so a reader never sees half a ZIP. */
export async function saveDownload(id: string, bytes: Buffer) {
  const file = fileFor(id)
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(`${file}.part`, bytes)
  await rename(`${file}.part`, file)
}

export async function openDownload(id: string) {
  const file = fileFor(id)
  const info = await stat(file).catch(() => null)
  return info ? { size: info.size, stream: createReadStream(file) } : null
}

export async function removeDownload(id: string) {
  await rm(fileFor(id), { force: true })
}
