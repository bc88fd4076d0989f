import type { Payload } from 'payload'
import type { UserRole } from '@masterplan/shared'
import { rest } from './rest.ts'

export type Tokens = Record<UserRole, string>

const PASSWORD = 'correct-horse-battery-staple'

/** One signed-in account per role, created through the Local API and logged in through REST. */
export async function signInEveryRole(payload: Payload, tag: string): Promise<Tokens> {
  const tokens = {} as Tokens
  for (const role of ['admin', 'press', 'editor'] as const) {
    const email = `${role}-${tag}@test.example`
    const existing = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      overrideAccess: true,
    })
    if (!existing.docs.length) {
      await payload.create({ collection: 'users', data: { email, password: PASSWORD, role }, overrideAccess: true })
    }
    const reply = await rest('POST', '/users/login', { json: { email, password: PASSWORD } })
    if (reply.status !== 200) throw new Error(`login as ${role} failed: ${JSON.stringify(reply.body)}`)
    tokens[role] = reply.body.token
  }
  return tokens
}
