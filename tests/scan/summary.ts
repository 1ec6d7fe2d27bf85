/** The parts of wapiti 3.0.4's JSON report (`-f json`) the summary reads. */
export type WapitiFinding = {
  method: string
  path: string
  info: string
  level: number | string
  parameter: string
}
export type WapitiReport = {
  vulnerabilities: Record<string, WapitiFinding[]>
  anomalies: Record<string, WapitiFinding[]>
  additionals: Record<string, WapitiFinding[]>
  infos: { target: string; date: string; version: string; scope: string }
}

// wapiti's levels (wapitiCore/language/vulnerability.py), highest first.
const severities = ['critical', 'high', 'medium', 'low', 'info'] as const
export type Severity = (typeof severities)[number]
const severityOf = (level: number | string): Severity => severities[4 - Number(level)] ?? 'info'

export type ScanFacts = {
  account: string
  crawled: number
  /** "module count" per attack module: URLs and forms it attacked. */
  attacked: string[]
  minutes: number
  limits: string
  sessionSurvived: boolean
}

/** Counts by severity and category, then every vulnerability and anomaly on one line each. */
export function summarise(report: WapitiReport, facts: ScanFacts) {
  const sections = [
    ['Vulnerabilities', report.vulnerabilities],
    ['Anomalies (server errors, timeouts)', report.anomalies],
    ['Additional information', report.additionals],
  ] as const
  const lines = [
    `${report.infos.version} scan of ${report.infos.target} (scope ${report.infos.scope}), ${report.infos.date}`,
    `Signed in as ${facts.account}; ${facts.crawled} URLs and forms crawled; ${facts.limits}; took ${facts.minutes} min.`,
    facts.sessionSurvived
      ? 'The session was still signed in at the end, so the crawl and attacks ran as that user.'
      : 'WARNING: the session was signed out during the scan; later requests ran anonymous (see wapiti.log).',
    `URLs and forms attacked per module (of ${facts.crawled}): ${facts.attacked.join(', ')}.`,
  ]
  for (const [title, byCategory] of sections) {
    const findings = Object.entries(byCategory).flatMap(([category, list]) =>
      list.map((finding) => ({ category, severity: severityOf(finding.level), ...finding })),
    )
    lines.push('', `${title}: ${findings.length}`)
    for (const severity of severities) {
      const counts = new Map<string, number>()
      for (const f of findings.filter((f) => f.severity === severity)) {
        counts.set(f.category, (counts.get(f.category) ?? 0) + 1)
      }
      for (const [category, count] of counts)
        lines.push(`  ${severity.padEnd(8)} ${String(count).padStart(4)}  ${category}`)
    }
    if (title === 'Additional information') continue
    for (const f of findings.sort(
      (a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity),
    )) {
      const parameter = f.parameter ? ` [${f.parameter}]` : ''
      lines.push(
        `  - ${f.severity}: ${f.category}: ${f.method} ${f.path}${parameter}: ${f.info.split('\n')[0]}`,
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Findings at or above high severity: the scan's exit code. */
export function countSevere(report: WapitiReport) {
  return Object.values(report.vulnerabilities)
    .flat()
    .filter((f) => ['critical', 'high'].includes(severityOf(f.level))).length
}
