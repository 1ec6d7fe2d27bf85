import autocannon from 'autocannon'

export type Measurement = {
  rps: number
  p50: number
  p99: number
  requests: number
  non2xx: number
  errors: number
}

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

/** A short warm-up (JIT, caches, pools), then the measured run: 20 connections, 10 s by default. */
export async function measure(url: string, headers: Record<string, string> = {}): Promise<Measurement> {
  // A generous timeout: a slow answer should show in p99, not vanish as an error.
  const options = { url, headers, connections: 20, timeout: 30 }
  await autocannon({ ...options, duration: seconds('BENCH_WARMUP', 2) })
  // Requests still queued from the warm-up would otherwise eat into the measured run; one more waits them out.
  await fetch(url, { headers }).then((res) => res.arrayBuffer())
  const result = await autocannon({ ...options, duration: seconds('BENCH_DURATION', 10) })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

/** One request up front proves the page is the real one (status and 50 partnership links), not an error. */
export async function checkPage(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, redirect: 'manual' })
  const body = await res.text()
  const links = body.match(/href="\/partners\/[0-9a-f-]{36}"/g)?.length ?? 0
  if (res.status !== 200 || links !== 50) {
    throw new Error(`${url} answered ${res.status} with ${links} partnership links:\n${body.slice(0, 500)}`)
  }
  return { bytes: Buffer.byteLength(body) }
}
