import { ensureMigrated } from './db.ts'

// Every test file runs in a fresh worker. On PGlite its in-memory database starts empty, so migrate before any
// test or fixture touches it; on PostgreSQL global-setup already migrated and this only checks.
await ensureMigrated()
