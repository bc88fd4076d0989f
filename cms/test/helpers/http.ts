/**
 * A JSON call to the REST API of a running CMS (end-to-end tests). `token` signs in; a request the
 * server never answers fails the test after 30 s instead of hanging it.
 */
export async function callApi(
  origin: string,
  method: string,
  path: string,
  { token, json }: { token?: string; json?: unknown } = {},
) {
  const response = await fetch(`${origin}/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(30_000),
  })
  return { status: response.status, body: (await response.json().catch(() => null)) as any }
}
