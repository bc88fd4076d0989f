export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Checks once a second while `busy` holds, for at most `seconds`. */
export async function waitWhile(busy: () => Promise<boolean>, seconds: number): Promise<void> {
  for (let waited = 0; (await busy()) && waited < seconds; waited++) await sleep(1000)
}

/** Seconds from `from` until `url` answers 200 (asked every 250 ms); throws `failure` once `limitMs` have passed. */
export async function secondsUntilServed(url: string, from: number, limitMs: number, failure: string): Promise<number> {
  const status = () =>
    fetch(url).then(
      (r) => r.status,
      () => 0,
    )
  while ((await status()) !== 200) {
    if (Date.now() - from > limitMs) throw new Error(failure)
    await sleep(250)
  }
  return (Date.now() - from) / 1000
}
