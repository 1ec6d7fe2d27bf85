import { describe, expect, test } from 'vitest'
import { parseConfig } from '#config/env.ts'
import { storageImageSources } from './security.ts'

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv

describe('storage image sources for the content security policy', () => {
  test('local storage needs nothing beyond our own origin', () => {
    expect(storageImageSources(parseConfig(env({})))).toEqual([])
  })

  test('an S3-compatible endpoint adds its origin; AWS adds the bucket hosts of the region', () => {
    expect(
      storageImageSources(parseConfig(env({ S3_BUCKET: 'docs', S3_ENDPOINT: 'http://127.0.0.1:9000/x' }))),
    ).toEqual(['http://127.0.0.1:9000'])
    expect(storageImageSources(parseConfig(env({ S3_BUCKET: 'docs', S3_REGION: 'eu-west-1' })))).toEqual([
      'https://docs.s3.eu-west-1.amazonaws.com',
      'https://s3.eu-west-1.amazonaws.com',
    ])
  })

  test('storage settings are validated with the variable named', () => {
    expect(() => parseConfig(env({ S3_PART_SIZE_MB: '2' }))).toThrow(/S3_PART_SIZE_MB/)
    expect(() => parseConfig(env({ STORAGE_SIGNING_SECRET: 'short' }))).toThrow(/STORAGE_SIGNING_SECRET/)
  })
})
