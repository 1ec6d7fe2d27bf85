/** What global setup hands to the test workers (through this environment variable). */
export const STATE_ENV = 'TANDEM_E2E_STATE'

export type E2EState = {
  baseURL: string
  /** One JSON file per received email (see global-setup.ts). */
  maildir: string
  root: string
}

export function readState(): E2EState {
  const raw = process.env[STATE_ENV]
  if (!raw)
    throw new Error(`${STATE_ENV} is not set: run the tests with \`npx playwright test\` (global setup)`)
  return JSON.parse(raw) as E2EState
}
