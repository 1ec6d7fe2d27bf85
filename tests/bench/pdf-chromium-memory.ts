import { readdirSync, readFileSync } from 'node:fs'

/**
 * Memory of the Chromium processes this bench launched (all descendants of this process: browser, zygotes,
 * renderers, utility processes). Sampled every 100 ms while running: the peak of the summed VmRSS. RSS counts
 * pages shared between Chromium's processes once per process, so the proportional set size (Pss, from
 * smaps_rollup) is sampled too as the figure without double counting.
 */
export type ChromiumPeak = { rss: number; pss: number; processes: number }

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

function descendants(root: number): number[] {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = read(`/proc/${entry}/stat`)
    if (!stat) continue
    // The command name may contain spaces: the parent pid is the second field after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    const list = children.get(ppid) ?? []
    list.push(Number(entry))
    children.set(ppid, list)
  }
  const out: number[] = []
  const queue = [root]
  while (queue.length) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      out.push(child)
      queue.push(child)
    }
  }
  return out
}

const kb = (text: string | null, field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text ?? '')?.[1] ?? 0) * 1024

export class ChromiumMemory {
  peak: ChromiumPeak = { rss: 0, pss: 0, processes: 0 }
  private timer?: NodeJS.Timeout

  sample(): void {
    const pids = descendants(process.pid).filter((pid) => read(`/proc/${pid}/cmdline`)?.includes('chromium'))
    let rss = 0
    let pss = 0
    for (const pid of pids) {
      rss += kb(read(`/proc/${pid}/status`), 'VmRSS')
      pss += kb(read(`/proc/${pid}/smaps_rollup`), 'Pss')
    }
    if (rss > this.peak.rss) this.peak = { rss, pss, processes: pids.length }
    this.peak.pss = Math.max(this.peak.pss, pss)
  }

  start(): void {
    this.sample()
    this.timer = setInterval(() => this.sample(), 100)
  }

  stop(): ChromiumPeak {
    clearInterval(this.timer)
    this.sample()
    return this.peak
  }
}
