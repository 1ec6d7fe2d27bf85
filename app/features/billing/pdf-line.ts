import type { PdfLine } from '#app/lib/pdf/model.ts'

type StoredLine = Omit<PdfLine, 'optional' | 'selected'>

/** A stored quote or invoice line as the PDF model draws it (only the fields it prints). */
export function pdfLine(line: StoredLine): PdfLine {
  return {
    position: line.position,
    sku: line.sku,
    description: line.description,
    quantity: line.quantity,
    unit: line.unit,
    unitPrice: line.unitPrice,
    discountBp: line.discountBp,
    taxRateBp: line.taxRateBp,
    net: line.net,
    tax: line.tax,
    total: line.total,
  }
}
