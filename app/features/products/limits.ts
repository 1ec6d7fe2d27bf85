/** How much one CSV import may hold; in its own module so the upload page does not ship the CSV parser. */
export const MAX_IMPORT_ROWS = 10_000
export const MAX_IMPORT_BYTES = 2_000_000
