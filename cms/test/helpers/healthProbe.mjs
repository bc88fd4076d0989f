// Polls a CMS's /api/health in a process of its own, so that what the test process itself does
// (building a 100 MB body, encoding an image) never shows up as the server's latency. Reports the
// slowest answer in ms (null for a failed one) and the count on stdout when it gets SIGTERM.
const [origin, everyMs] = [process.argv[2], Number(process.argv[3] ?? 100)]
let worst = 0
let answers = 0
let running = true
process.on('SIGTERM', () => {
  running = false
})
while (running) {
  const started = performance.now()
  try {
    const response = await fetch(`${origin}/api/health?scope=instance`, { signal: AbortSignal.timeout(30_000) })
    await response.arrayBuffer()
    worst = Math.max(worst, performance.now() - started)
  } catch {
    worst = Number.POSITIVE_INFINITY
  }
  answers++
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, everyMs - (performance.now() - started))))
}
process.stdout.write(JSON.stringify({ worstMs: Number.isFinite(worst) ? Math.round(worst) : null, answers }))
