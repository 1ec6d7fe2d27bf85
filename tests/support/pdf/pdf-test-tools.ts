import { spawnSync } from 'node:child_process'

/**
 * poppler-utils for the PDF tests: text extraction and page images. CI installs poppler-utils; a missing binary
 * fails the tests with a message saying so rather than skipping them.
 */

function run(binary: string, args: string[], input: Buffer): Buffer {
  const result = spawnSync(binary, args, { input, maxBuffer: 256 * 1024 * 1024 })
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(
      `${binary} is not installed: the PDF tests need poppler-utils (apt-get install poppler-utils)`,
    )
  }
  if (result.error) throw result.error
  if (result.status !== 0) throw new Error(`${binary} failed: ${result.stderr.toString()}`)
  return result.stdout
}

/** The text of a PDF in content order (`layout`: keep the page's columns). Pages end with a form feed. */
export function pdfToText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  return run('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], pdf).toString(
    'utf8',
  )
}

/** File names inside a ZIP (unzip -Z1). */
export function zipEntries(file: string): string[] {
  const result = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(`unzip failed: ${result.stderr}`)
  return result.stdout.split('\n').filter(Boolean)
}

export function pdfPages(pdf: Buffer): string[] {
  return pdfToText(pdf, { layout: true }).split('\f').slice(0, -1)
}

/**
 * pdftotext writes right-to-left runs in logical order but wraps them in bidi embedding controls, drops zero-width
 * non-joiners and moves spaces around the borders of embedded left-to-right runs. This keeps what the order of
 * letters, digits and words is about: no controls, no ZWNJ, no whitespace. (It also writes the lam-alef ligature
 * as alef-lam and mirrored brackets as drawn, so expected strings avoid those.)
 */
export function letters(text: string): string {
  return text.replace(/[\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\s]/g, '')
}

export type GrayImage = { width: number; height: number; pixels: Uint8Array }

/** One page region as 8-bit grey pixels (pdftoppm -gray writes a binary PGM to stdout). */
export function renderGray(
  pdf: Buffer,
  region: { page?: number; dpi: number; x: number; y: number; width: number; height: number },
): GrayImage {
  const page = String(region.page ?? 1)
  const pgm = run(
    'pdftoppm',
    [
      '-gray',
      '-r',
      String(region.dpi),
      '-f',
      page,
      '-l',
      page,
      '-x',
      String(region.x),
      '-y',
      String(region.y),
      '-W',
      String(region.width),
      '-H',
      String(region.height),
    ],
    pdf,
  )
  // Header: "P5", width, height, maxval, each followed by one whitespace byte.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not write a PGM image')
  const width = Number(header[1])
  const height = Number(header[2])
  return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height) }
}

/** Horizontal runs of columns holding ink (a pixel darker than mid-grey), left to right, as [start, end). */
export function inkRuns(image: GrayImage): [number, number][] {
  const runs: [number, number][] = []
  let start = -1
  for (let x = 0; x <= image.width; x++) {
    let ink = false
    for (let y = 0; x < image.width && y < image.height && !ink; y++)
      ink = image.pixels[y * image.width + x] < 128
    if (ink && start < 0) start = x
    if (!ink && start >= 0) {
      runs.push([start, x])
      start = -1
    }
  }
  return runs
}
