import { closeDatabase } from '../client.ts'
import { migrateDatabase } from '../migrate.ts'
import { demoBanner, isEmpty, seedDemo } from '../seed/demo.ts'
import { asSystem } from '../tenant.ts'

await migrateDatabase()
const seeded = await asSystem(async (tx) => {
  if (!(await isEmpty(tx))) return false
  await seedDemo(tx)
  return true
})
process.stdout.write(
  seeded ? `${demoBanner()}\n` : 'The database already has organizations; nothing seeded.\n',
)
await closeDatabase()
