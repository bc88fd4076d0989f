import type { Bench } from '../lib/context.ts'
import { concurrent, sequential } from '../lib/load.ts'
import { type Row, table } from '../lib/table.ts'

/** REST latency of a list and of a release by slug, one request at a time and with 50 connections, with the database statements each costs. */
export async function apiLatency(bench: Bench, releases: number, loadSeconds: number): Promise<void> {
  const { cms, db } = bench
  bench.progress(`REST API latency at ${releases} releases`)
  const slug = (await (await fetch(`${cms.url}/api/press-releases?limit=1&page=7&depth=0`)).json()).docs[0].slug
  const endpoints = {
    'list (limit 20, depth 1)': `${cms.url}/api/press-releases?limit=20&depth=1`,
    'by slug (depth 1)': `${cms.url}/api/press-releases?where[slug][equals]=${slug}&depth=1&limit=1`,
  }
  const rows: Row[] = []
  const latency: Record<string, unknown> = {}
  const transactions = async () =>
    Number(
      (await db.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`)).rows[0]
        .xact_commit,
    )
  for (const [name, url] of Object.entries(endpoints)) {
    const before = await transactions()
    const seq = await sequential(url, loadSeconds)
    const perRequest = ((await transactions()) - before) / seq.requests
    const par = await concurrent(url, 50, loadSeconds)
    latency[name] = { sequential: seq, concurrent50: par, statementsPerRequest: perRequest }
    rows.push([name, 'sequential', seq.requests, seq.errors, seq.p50, seq.p95, seq.p99, seq.rps, perRequest])
    rows.push([name, '50 connections', par.requests, par.errors, par.p50, par.p95, par.p99, par.rps, ''])
  }
  bench.results.api = { releases, seconds: loadSeconds, ...latency }
  bench.print(
    table(
      `REST API at ${releases} releases (${loadSeconds} s per run; ms)`,
      ['request', 'mode', 'requests', 'errors', 'p50', 'p95*', 'p99', 'req/s', 'DB statements/request'],
      rows,
    ),
  )
  bench.print('* sequential: exact p95; 50 connections: autocannon reports p97.5, shown in its place.')
}
