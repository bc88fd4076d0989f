import type { Payload } from 'payload'
import type { TestCms } from '../../scripts/test-cms.ts'

type Role = 'admin' | 'press' | 'editor'

/**
 * The Local API on a test CMS's database, for specs that prepare data directly and check it through
 * the running server or a browser. The config reads the environment when it is first imported, so
 * it is imported only once the CMS's environment is in place.
 */
export async function localApiOf(cms: TestCms): Promise<Payload> {
  Object.assign(process.env, cms.env)
  const { getPayload } = await import('payload')
  return getPayload({ config: (await import('../../src/payload.config.ts')).default })
}

/** A user made through the Local API. */
export async function createUser(payload: Payload, user: { email: string; password: string; role: Role }) {
  return payload.create({ collection: 'users', data: user, overrideAccess: true })
}

/** Signs in through the server's REST API, as a client would; returns the token. */
export async function apiToken(cms: TestCms, email: string, password: string): Promise<string> {
  const response = await fetch(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const { token } = (await response.json()) as { token?: string }
  if (!token) throw new Error(`signing in as ${email} failed (${response.status})`)
  return token
}
