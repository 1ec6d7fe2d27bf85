import { afterAll, beforeAll, expect, test } from 'vitest'
import { closeDatabase } from '#db/client.ts'
import { organizations } from '#db/schema/index.ts'
import { createOrg } from '#db/seed/factories.ts'
import { asSystem, withTenant } from '#db/tenant.ts'
import { ensureMigrated } from './db.ts'

beforeAll(ensureMigrated)
afterAll(closeDatabase)

test('an organization sees itself and nothing when no org is set', async () => {
  const org = await asSystem((tx) => createOrg(tx, { kind: 'manufacturer' }))
  const other = await asSystem((tx) => createOrg(tx, { kind: 'manufacturer' }))
  const seen = await withTenant({ orgId: org.id, userId: null }, (tx) => tx.select().from(organizations))
  expect(seen.map((o) => o.id)).toEqual([org.id])
  expect(seen.map((o) => o.id)).not.toContain(other.id)
  const none = await withTenant({ orgId: null, userId: null }, (tx) => tx.select().from(organizations))
  expect(none).toEqual([])
})
