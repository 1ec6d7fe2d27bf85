// A deliberately small user-agent reader: enough to tell a person's devices apart, not to fingerprint them.
// Order matters: Edge and Opera also claim Chrome, Chrome also claims Safari.

const browsers: [RegExp, string][] = [
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)|Opera\/(\d+)/, 'Opera'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Firefox\/(\d+)|FxiOS\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)|CriOS\/(\d+)|Chromium\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* .*Safari\//, 'Safari'],
  [/curl\/([\d.]+)/, 'curl'],
]

const systems: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
]

export type Device = { browser: string | null; os: string | null }

export function describeUserAgent(userAgent: string | null | undefined): Device {
  if (!userAgent) return { browser: null, os: null }
  let browser: string | null = null
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(userAgent)
    if (match) {
      const version = match.slice(1).find(Boolean)
      browser = version ? `${name} ${version}` : name
      break
    }
  }
  const os = systems.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null
  return { browser, os }
}
