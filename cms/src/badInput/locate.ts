type Visit = (value: unknown, path: string[]) => boolean

/** Paths (as segment lists) of the values in `data` that `matches`; stops after `max`. */
export function findPaths(data: unknown, matches: Visit, max = 5): string[][] {
  const found: string[][] = []
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: data, path: [] }]
  while (stack.length && found.length < max) {
    const { value, path } = stack.pop()!
    if (path.length && matches(value, path)) found.push(path)
    if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] })
    }
  }
  return found
}

/** The request data's paths holding exactly `text`, e.g. the `"live"` PostgreSQL refused. */
export const pathsOfValue = (data: unknown, text: string) =>
  findPaths(data, (value) => (typeof value === 'string' || typeof value === 'number') && String(value) === text)

export const pathsWithNul = (data: unknown) =>
  findPaths(
    data,
    (value, path) => (typeof value === 'string' && value.includes('\u0000')) || path.at(-1)!.includes('\u0000'),
  )

/** The longest list in the data: the likely cause when one statement got too many rows. */
export function longestList(data: unknown): string[] | null {
  let longest: { path: string[]; length: number } | null = null
  findPaths(data, (value, path) => {
    if (Array.isArray(value) && value.length > (longest?.length ?? 0)) longest = { path, length: value.length }
    return false
  })
  return (longest as { path: string[] } | null)?.path ?? null
}

/** A Payload field path, as the admin and the REST errors write it. */
export const fieldPath = (path: string[]) => path.join('.')

/** A query parameter as it appears in the URL, e.g. `where[title][equals]`. */
export const queryParameter = ([first, ...rest]: string[]) =>
  `${first}${rest.map((segment) => `[${segment}]`).join('')}`
