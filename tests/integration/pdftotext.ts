import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The text of a PDF as Debian's poppler-utils extracts it (tests/ensure-system-packages.sh installs it). */
export async function pdfToText(pdf: Buffer | Uint8Array): Promise<string> {
  const child = run('pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  child.child.stdin?.end(Buffer.from(pdf))
  const { stdout } = await child
  return stdout
}

/** File names inside a ZIP (unzip -Z1). */
export async function zipEntries(file: string): Promise<string[]> {
  const { stdout } = await run('unzip', ['-Z1', file], { encoding: 'utf8' })
  return stdout.split('\n').filter(Boolean)
}
