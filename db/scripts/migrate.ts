import { closeDatabase, getDatabase } from '../client.ts'
import { migrateDatabase } from '../migrate.ts'

await migrateDatabase()
process.stdout.write(`Migrations applied (${getDatabase().kind}).\n`)
await closeDatabase()
