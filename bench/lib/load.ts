import autocannon from 'autocannon'
import { percentile } from './measure.ts'

export type Latency = { requests: number; errors: number; p50: number; p95: number; p99: number; rps: number }

/** Sequential: one request after the other, exact percentiles of every request's time (ms). */
export async function sequential(url: string, seconds: number): Promise<Latency> {
  const times: number[] = []
  let errors = 0
  const end = Date.now() + seconds * 1000
  while (Date.now() < end) {
    const started = performance.now()
    const ok = await fetch(url).then(
      async (r) => {
        await r.arrayBuffer()
        return r.ok
      },
      () => false,
    )
    times.push(performance.now() - started)
    if (!ok) errors++
  }
  times.sort((a, b) => a - b)
  return {
    requests: times.length,
    errors,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: times.length / seconds,
  }
}

/** Concurrent connections with autocannon for a fixed time; p95 is read from its histogram. */
export async function concurrent(url: string, connections: number, seconds: number): Promise<Latency> {
  const result = await autocannon({ url, connections, duration: seconds })
  const latency = result.latency as unknown as Record<string, number>
  return {
    requests: result.requests.total,
    errors: result.errors + result.non2xx + result.timeouts,
    p50: latency.p50!,
    // autocannon reports p90 and p97.5; p95 lies between them, reported as the upper one to stay honest.
    p95: latency.p97_5!,
    p99: latency.p99!,
    rps: result.requests.average,
  }
}
