import { spawn } from 'node:child_process'
import { describe, expect, test } from 'vitest'
import { ConfigError, parseConfig } from './env.ts'

// Only the variables a case sets, as the process would see them.
const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv

describe('configuration', () => {
  test('defaults need no environment at all', () => {
    const config = parseConfig(env({}))
    expect(config.PORT).toBe(3000)
    expect(config.SEED_DEMO).toBe('true')
    expect(config.DATABASE_URL).toBeUndefined()
  })

  test('links and origin checks default to http://localhost on PORT', () => {
    expect(parseConfig(env({})).APP_ORIGIN).toBe('http://localhost:3000')
    expect(parseConfig(env({ PORT: '8080' })).APP_ORIGIN).toBe('http://localhost:8080')
  })

  test('APP_ORIGIN is kept as a bare origin (no path, no trailing slash)', () => {
    expect(parseConfig(env({ APP_ORIGIN: 'https://portal.example.com/' })).APP_ORIGIN).toBe(
      'https://portal.example.com',
    )
    expect(parseConfig(env({ APP_ORIGIN: 'https://Portal.Example.com:443/x?y' })).APP_ORIGIN).toBe(
      'https://portal.example.com',
    )
  })

  test('PORT=0 without APP_ORIGIN is refused: the address is not known in advance', () => {
    expect(() => parseConfig(env({ PORT: '0' }))).toThrow(/\bAPP_ORIGIN\b/)
    expect(parseConfig(env({ PORT: '0', APP_ORIGIN: 'http://localhost:4000' })).APP_ORIGIN).toBe(
      'http://localhost:4000',
    )
  })

  test.for([
    ['APP_ORIGIN', 'portal.example.com'],
    ['APP_ORIGIN', 'ftp://portal.example.com'],
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'not-a-url'],
    ['TRUST_PROXY', 'yes'],
    ['RATE_LIMIT_SIGNIN_PER_15_MIN', '-1'],
  ])('%s=%s is refused with a message naming the variable', ([name, value]) => {
    expect(() => parseConfig(env({ [name]: value }))).toThrow(ConfigError)
    expect(() => parseConfig(env({ [name]: value }))).toThrow(new RegExp(`\\b${name}\\b`))
  })

  test('the server exits non-zero and names the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, PORT: 'abc', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).not.toBe(0)
    expect(stderr).toMatch(/Invalid configuration/)
    expect(stderr).toMatch(/\bPORT\b/)
  }, 30_000)
})
