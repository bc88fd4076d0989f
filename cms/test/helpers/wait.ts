export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls until the probe returns something other than false. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | false> | T | false,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
    await sleep(everyMs)
  }
}
