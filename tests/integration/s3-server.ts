import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import S3rver from 's3rver'

export type S3Server = { endpoint: string; bucket: string; close: () => Promise<void> }

/** A real S3-protocol server (s3rver) on loopback with one empty bucket, in a temporary directory. */
export async function startS3Server(bucket = 'tandem-test'): Promise<S3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tandem-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    close: async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
