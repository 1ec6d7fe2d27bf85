import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

// s3rver in its own process for the upload benchmark, so its memory is not counted as the driver's.
// Serves http://127.0.0.1:$PORT with bucket "bench"; removes its data on SIGTERM.

const directory = await mkdtemp(path.join(os.tmpdir(), 'tandem-bench-s3-'))
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(process.env.PORT),
  silent: true,
  directory,
  configureBuckets: [{ name: 'bench' }],
})
await server.run()
process.once('SIGTERM', async () => {
  await server.close()
  await rm(directory, { recursive: true, force: true })
  process.exit(0)
})
