import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { organizations } from './organizations.ts'

/**
 * Document numbers per org, kind and year. The row is incremented inside the sending transaction, so its lock
 * serializes concurrent sends and a rollback gives the number back: no gaps, no duplicates.
 */
export const numberSequences = pgTable(
  'number_sequences',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['quote', 'invoice'] }).notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.year] })],
)
