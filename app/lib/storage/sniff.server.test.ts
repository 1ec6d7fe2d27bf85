import crypto from 'node:crypto'
import PDFDocument from 'pdfkit'
import { describe, expect, test } from 'vitest'
import { pdfToBuffer } from '#app/lib/pdf/pdf-buffer.server.ts'
import { sniffUpload, UnsupportedTypeError } from './sniff.server.ts'

async function* chunks(buffer: Buffer, size = 1000) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size)
}

async function collect(body: AsyncIterable<Uint8Array>) {
  const parts: Buffer[] = []
  for await (const part of body) parts.push(Buffer.from(part))
  return Buffer.concat(parts)
}

/** The start of a real Windows executable: "MZ", a DOS stub, and the PE header the offset at 0x3c points to. */
function windowsExecutable() {
  const file = Buffer.alloc(4096)
  file.write('MZ', 0, 'latin1')
  file.writeUInt32LE(0x80, 0x3c)
  file.write('PE\0\0', 0x80, 'latin1')
  file.writeUInt16LE(0x14c, 0x84)
  return file
}

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

describe('sniffUpload', () => {
  test('an executable renamed to .pdf is refused by its content', async () => {
    const error = await sniffUpload(chunks(windowsExecutable()), 'invoice.pdf').catch((e) => e)
    expect(error).toBeInstanceOf(UnsupportedTypeError)
    expect(error.message).toMatch(/^This file is a Windows executable \(exe\)/)
    expect(error.message).toMatch(/Allowed: PDF, PNG/)
  })

  test('a real PDF passes and its bytes are replayed exactly, head and all', async () => {
    const doc = new PDFDocument()
    doc.text('Price list')
    for (let i = 0; i < 1200; i++) doc.text(`Line ${i} ${crypto.randomBytes(40).toString('hex')}`)
    const rendered = pdfToBuffer(doc)
    doc.end()
    const pdf = await rendered
    expect(pdf.length).toBeGreaterThan(64 * 1024)
    const sniffed = await sniffUpload(chunks(pdf, 7000), 'whatever.bin')
    expect(sniffed.contentType).toBe('application/pdf')
    const replayed = await collect(sniffed.body)
    expect(crypto.createHash('sha256').update(replayed).digest('hex')).toBe(
      crypto.createHash('sha256').update(pdf).digest('hex'),
    )
  })

  test('images, CSV and plain text pass; the name only picks CSV over text', async () => {
    expect((await sniffUpload(chunks(png), 'photo.exe')).contentType).toBe('image/png')
    const csv = Buffer.from('sku,qty\nA-1,4\nÉclair,2\n')
    expect((await sniffUpload(chunks(csv), 'stock.csv')).contentType).toBe('text/csv')
    expect((await sniffUpload(chunks(csv), 'stock.txt')).contentType).toBe('text/plain')
  })

  test('markup, unknown binary and empty files are refused', async () => {
    for (const [bytes, pattern] of [
      [Buffer.from('<!DOCTYPE html><script>alert(1)</script>'), /markup/],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), /markup/],
      [Buffer.from([0, 1, 2, 3, 250, 251, 0, 9]), /unknown binary/],
      [Buffer.alloc(0), /empty/],
    ] as const) {
      await expect(sniffUpload(chunks(bytes), 'x.pdf')).rejects.toThrow(pattern)
    }
  })
})
