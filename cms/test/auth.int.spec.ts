import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// Before the config is imported: a CMS served over https (the cookie must then be Secure) behind a
// proxy that reports the client's address, so the per-client limit can tell clients apart.
vi.hoisted(() => {
  process.env.SERVER_URL = 'https://cms.example.test'
  process.env.TRUST_PROXY = 'true'
})

import type { Payload } from 'payload'
import { authCookies } from '../src/auth/cookies.ts'
import { clientKey } from '../src/auth/clientKey.ts'
import { DEVICE_COOKIE_MAX_AGE_S } from '../src/auth/deviceCookie.ts'
import { SOCKET_ADDRESS_HEADER } from '../src/auth/socketAddress.ts'
import { MAX_FAILURES_PER_CLIENT, WINDOW_MS } from '../src/auth/throttle.ts'
import { bootPayload } from './helpers/payload.ts'
import { graphqlQuery, rest } from './helpers/rest.ts'
import { signInEveryRole, type Tokens } from './helpers/users.ts'

const PASSWORD = 'ein-langes-passwort-42'

let payload: Payload
let tokens: Tokens
beforeAll(async () => {
  payload = await bootPayload()
  tokens = await signInEveryRole(payload, 'auth')
})
afterAll(async () => {
  await payload.destroy()
})

let counter = 0
const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++counter}@test.example`

/** A client address no other request in this file uses (TEST-NET and benchmarking ranges, RFC 5737/2544). */
const freshClient = () => {
  const n = ++counter
  return { 'X-Forwarded-For': `198.18.${n >> 8}.${n & 255}` }
}

async function account(role: 'admin' | 'press' | 'editor' = 'editor'): Promise<{ id: number; email: string }> {
  const email = unique(role)
  const user = await payload.create({
    collection: 'users',
    data: { email, password: PASSWORD, role },
    overrideAccess: true,
  })
  return { id: user.id as number, email }
}

const login = (email: string, password: string, headers: HeadersInit = freshClient()) =>
  rest('POST', '/users/login', { json: { email, password }, headers })

/** Sets Payload's own lock fields directly, as the tenth failed login would. */
const setLock = (id: number, lockUntil: Date | null, loginAttempts = 10) =>
  payload.db.updateOne({
    collection: 'users',
    id,
    data: { lockUntil: lockUntil?.toISOString() ?? null, loginAttempts },
  })

const stored = (id: number) =>
  payload.db.findOne<{ id: number } & Record<string, any>>({ collection: 'users', where: { id: { equals: id } } })

async function duration(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * Equal within what scheduling noise allows. On an idle machine one password hash takes about 90 ms
 * and the medians land within 30 ms; on a machine busy with other work a hash takes 300-1,500 ms,
 * and the bound grows to a third of the slower median. Never a factor of two: the leaks this
 * guards against were factors of 5 to 30. Below 10 ms the factor means nothing (one garbage
 * collection), so both count as at least 10 ms there.
 */
function expectSimilar(label: string, a: number, b: number) {
  const ratio = Math.max(a, b, 10) / Math.max(Math.min(a, b), 10)
  const similar = Math.abs(a - b) < Math.max(30, Math.max(a, b) / 3) && ratio < 2
  expect(similar, `${label}: ${a.toFixed(1)} ms against ${b.toFixed(1)} ms`).toBe(true)
}

describe('unlocking an account', () => {
  it.each(['editor', 'press'] as const)('is refused to %s and leaves the lock in place', async (role) => {
    const admin = await account('admin')
    const until = new Date(Date.now() + 10 * 60 * 1000)
    await setLock(admin.id, until)
    const reply = await rest('POST', '/users/unlock', { token: tokens[role], json: { email: admin.email } })
    expect(reply.status).toBe(403)
    expect(new Date((await stored(admin.id))!.lockUntil).getTime()).toBe(until.getTime())
  })

  it('is refused without a session', async () => {
    const user = await account()
    await setLock(user.id, new Date(Date.now() + 60_000))
    expect((await rest('POST', '/users/unlock', { json: { email: user.email } })).status).toBe(403)
  })

  it('is what admins may do', async () => {
    const user = await account()
    await setLock(user.id, new Date(Date.now() + 60_000))
    expect((await rest('POST', '/users/unlock', { token: tokens.admin, json: { email: user.email } })).status).toBe(200)
    expect((await stored(user.id))!.lockUntil).toBeNull()
    expect((await login(user.email, PASSWORD)).status).toBe(200)
  })
})

describe('the login lockout', () => {
  it('refuses the right password after ten wrong ones, with the answer wrong credentials get', async () => {
    const user = await account()
    const client = freshClient()
    const wrong = []
    for (let i = 0; i < 10; i++) wrong.push(await login(user.email, `falsches-passwort-${i}`, client))
    expect(wrong.map((r) => r.status)).toEqual(Array(10).fill(401))
    expect((await stored(user.id))!.lockUntil).toBeTruthy()

    const locked = await login(user.email, PASSWORD, client)
    expect(locked.status).toBe(401)
    expect(locked.body).toEqual(wrong[0]!.body)
    expect(JSON.stringify(locked.body)).not.toMatch(/gesperrt|locked/i)
  }, 120_000)

  it('lets the right password in again once the lock time has passed', async () => {
    const user = await account()
    await setLock(user.id, new Date(Date.now() + 60_000))
    expect((await login(user.email, PASSWORD)).status).toBe(401)
    await setLock(user.id, new Date(Date.now() - 1000))
    const reply = await login(user.email, PASSWORD)
    expect(reply.status).toBe(200)
    expect(reply.body.token).toBeTruthy()
  })
})

describe('a failed login does not tell whether the account exists', () => {
  it('answers an unknown address, a wrong password and a locked account alike', async () => {
    const known = await account()
    const locked = await account()
    await setLock(locked.id, new Date(Date.now() + 60_000))
    // Ten failures counted but no lock yet: Payload locks it inside this attempt and says so.
    const lockedNow = await account()
    await setLock(lockedNow.id, null, 10)
    const replies = [
      await login(unique('niemand'), PASSWORD),
      await login(known.email, 'falsches-passwort-1'),
      await login(locked.email, 'falsches-passwort-1'),
      await login(locked.email, PASSWORD),
      await login(lockedNow.email, 'falsches-passwort-1'),
    ]
    for (const reply of replies)
      expect({ status: reply.status, body: reply.body }).toEqual({ status: replies[0]!.status, body: replies[0]!.body })
    expect(replies[0]!.status).toBe(401)
  })

  it('takes as long for an unknown address and a locked account as for a wrong password', async () => {
    const known = await account()
    const locked = await account()
    await setLock(locked.id, new Date(Date.now() + 10 * 60_000))
    // Warm-up: first calls pay for compiling and connecting.
    await login(unique('warm'), PASSWORD)
    await login(known.email, 'falsches-passwort-0')

    const times = { unknown: [] as number[], wrong: [] as number[], locked: [] as number[] }
    const attempts = {
      unknown: (i: number) => login(unique('niemand'), `falsches-passwort-${i}`),
      wrong: (i: number) => login(known.email, `falsches-passwort-${i}`),
      locked: (i: number) => login(locked.email, `falsches-passwort-${i}`),
    }
    const kinds = Object.keys(attempts) as Array<keyof typeof attempts>
    for (let i = 0; i < 12; i++) {
      // A wrong password must stay a wrong password, not become a locked account.
      await setLock(known.id, null, 0)
      // Taking turns at going first spreads what a busy machine does to one position over all.
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(i + k) % kinds.length]!
        times[kind].push(await duration(() => attempts[kind](i)))
      }
    }
    const [unknown, wrong, lockedTime] = [median(times.unknown), median(times.wrong), median(times.locked)]
    console.log(
      `login medians (ms): unknown ${unknown.toFixed(1)}, wrong password ${wrong.toFixed(1)}, locked ${lockedTime.toFixed(1)}`,
    )
    expectSimilar('unknown address vs wrong password', unknown, wrong)
    expectSimilar('locked account vs wrong password', lockedTime, wrong)
  }, 180_000)
})

describe('forgot-password', () => {
  it('answers and takes the same for known and unknown addresses, and still sends known ones a reset', async () => {
    // One account per request: Payload ignores a second request for the same account within 15 s.
    const known = await Promise.all(Array.from({ length: 12 }, () => account()))
    const forgot = (email: string) =>
      rest('POST', '/users/forgot-password', { json: { email }, headers: freshClient() })
    await forgot(known[0]!.email)
    await forgot(unique('warm'))

    const times = { known: [] as number[], unknown: [] as number[] }
    const replies: Array<{ status: number; body: unknown }> = []
    for (const user of known.slice(1)) {
      times.known.push(await duration(async () => replies.push(await forgot(user.email))))
      times.unknown.push(await duration(async () => replies.push(await forgot(unique('niemand')))))
    }
    const [k, u] = [median(times.known), median(times.unknown)]
    console.log(`forgot-password medians (ms): known ${k.toFixed(1)}, unknown ${u.toFixed(1)}`)
    expectSimilar('known vs unknown address', k, u)
    for (const reply of replies)
      expect({ status: reply.status, body: reply.body }).toEqual({ status: 200, body: replies[0]!.body })

    await expect
      .poll(
        async () =>
          (await Promise.all(known.map(async (user) => Boolean((await stored(user.id))?.resetPasswordToken)))).every(
            Boolean,
          ),
        { timeout: 60_000, interval: 500 },
      )
      .toBe(true)
  }, 120_000)

  it('still refuses a request without an address', async () => {
    expect((await rest('POST', '/users/forgot-password', { json: {} })).status).toBe(400)
  })
})

describe('the per-client login limit', () => {
  it(`refuses a client after ${MAX_FAILURES_PER_CLIENT} failed logins across accounts, with 429 and Retry-After`, async () => {
    const user = await account()
    const ip = '203.0.113.7'
    // Password spraying: one guess each against many addresses never reaches an account's own lock.
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++) {
      expect(
        (await login(i % 7 ? unique('spray') : user.email, 'Sommer2026!Sommer', { 'X-Forwarded-For': ip })).status,
      ).toBe(401)
    }
    const refused = await login(user.email, PASSWORD, { 'X-Forwarded-For': ip })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000)
    expect(refused.body.errors[0].message).toMatch(/zu viele.*too many/i)

    // What the client writes in front of the proxy's entry does not make it someone else.
    expect((await login(user.email, PASSWORD, { 'X-Forwarded-For': `198.51.100.1, ${ip}` })).status).toBe(429)
    // Other clients, and the account itself (three wrong guesses, well short of its lock), are unaffected.
    expect((await login(user.email, PASSWORD, { 'X-Forwarded-For': '203.0.113.8' })).status).toBe(200)
  }, 120_000)

  it('does not count successful logins (a whole office behind one address signs in)', async () => {
    const user = await account()
    const office = { 'X-Forwarded-For': '203.0.113.20' }
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT + 2; i++)
      expect((await login(user.email, PASSWORD, office)).status).toBe(200)
    expect((await login(user.email, 'falsches-passwort', office)).status).toBe(401)
  }, 120_000)

  it('keys on the proxy-reported address only when TRUST_PROXY is set, otherwise on the socket address', () => {
    const headers = new Headers({ 'X-Forwarded-For': '198.51.100.1, 203.0.113.9', 'X-Real-IP': '203.0.113.10' })
    expect(clientKey(headers, 'Someone@Example.org ', true)).toBe('ip:203.0.113.9')
    // Without a proxy in front anyone can write these headers: they count for nothing.
    expect(clientKey(headers, 'Someone@Example.org ', false)).toBe('direct:someone@example.org')
    expect(clientKey(new Headers(), 'someone@example.org', true)).toBe('direct:someone@example.org')
    // The socket's address, as the server writes it for each request (src/auth/socketAddress.ts).
    headers.set(SOCKET_ADDRESS_HEADER, '::ffff:192.0.2.44')
    expect(clientKey(headers, 'someone@example.org', false)).toBe('ip:192.0.2.44')
    expect(clientKey(headers, 'someone@example.org', true)).toBe('ip:203.0.113.9')
    headers.delete('X-Forwarded-For')
    expect(clientKey(headers, 'someone@example.org', true)).toBe('ip:192.0.2.44')
  })

  it('counts an IPv6 client by its /64, which it usually holds whole, and ignores ports', () => {
    const key = (forwarded: string) => clientKey(new Headers({ 'X-Forwarded-For': forwarded }), 'x@example.org', true)
    expect(key('2001:db8:1:2:3:4:5:6')).toBe('ip:2001:db8:1:2::/64')
    expect(key('2001:0db8:0001:0002::9')).toBe('ip:2001:db8:1:2::/64')
    expect(key('[2001:db8:1:2::7]:51234')).toBe('ip:2001:db8:1:2::/64')
    expect(key('::ffff:203.0.113.9')).toBe('ip:203.0.113.9')
    expect(key('203.0.113.9:51234')).toBe('ip:203.0.113.9')
    // Not an address: the proxy is not the one described, so count by e-mail as without one.
    expect(key('unknown')).toBe('direct:x@example.org')
  })
})

describe('device cookies', () => {
  const deviceCookie = (reply: { headers: Headers }) => {
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('masterplan-device-'))
    if (!cookie) throw new Error(`no device cookie in ${JSON.stringify(reply.headers.getSetCookie())}`)
    return cookie
  }
  /** What a browser sends back: name=value, nothing else. */
  const sentBack = (cookie: string) => cookie.split(';', 1)[0]!
  const exhausted = async (headers: Record<string, string>) => {
    for (let i = 0; i < MAX_FAILURES_PER_CLIENT; i++)
      expect((await login(unique('spray'), 'Sommer2026!Sommer', headers)).status).toBe(401)
  }

  it('let a browser that signed in before through a per-client limit someone else exhausted, and nobody else', async () => {
    const user = await account()
    const other = await account()
    const office = { 'X-Forwarded-For': '203.0.113.40' }
    const cookie = sentBack(deviceCookie(await login(user.email, PASSWORD, office)))
    const otherCookie = sentBack(deviceCookie(await login(other.email, PASSWORD, office)))
    await exhausted(office)

    // Without the cookie the right password is refused like every guess: the limit tells nothing.
    expect((await login(user.email, PASSWORD, office)).status).toBe(429)
    const signedIn = await login(user.email, PASSWORD, { ...office, Cookie: cookie })
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.token).toBeTruthy()
    // A browser with cookies for two accounts sends both; each counts for its own account only.
    expect((await login(other.email, PASSWORD, { ...office, Cookie: `${cookie}; ${otherCookie}` })).status).toBe(200)
    // A wrong password from that browser is an ordinary failed login.
    expect((await login(user.email, 'falsches-passwort', { ...office, Cookie: cookie })).status).toBe(401)

    // Not for another account, not forged, not from another server's secret.
    const third = await account()
    expect((await login(third.email, PASSWORD, { ...office, Cookie: cookie })).status).toBe(429)
    const [name, value] = cookie.split('=') as [string, string]
    const forged = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`
    expect((await login(user.email, PASSWORD, { ...office, Cookie: forged })).status).toBe(429)
  }, 120_000)

  it('never lift the account lock: ten wrong passwords lock the account for the browser with the cookie too', async () => {
    const user = await account()
    const client = freshClient()
    const cookie = sentBack(deviceCookie(await login(user.email, PASSWORD, client)))
    for (let i = 0; i < 10; i++)
      expect((await login(user.email, `falsches-passwort-${i}`, { ...client, Cookie: cookie })).status).toBe(401)
    expect((await stored(user.id))!.lockUntil).toBeTruthy()
    expect((await login(user.email, PASSWORD, { ...client, Cookie: cookie })).status).toBe(401)
  }, 120_000)

  it('are HttpOnly, Secure over https, SameSite=Strict, sent to the login only, and hold no address', async () => {
    const user = await account()
    const cookie = deviceCookie(await login(user.email, PASSWORD))
    expect(cookie).toMatch(/;\s*HttpOnly/i)
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/;\s*SameSite=Strict/i)
    expect(cookie).toMatch(/;\s*Path=\/api\/users\/login(;|$)/)
    expect(cookie).toContain(`Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`)
    const readable = sentBack(cookie)
      .split(/[=.]/)
      .map((part) => `${part} ${Buffer.from(part, 'base64url').toString('latin1')}`)
      .join(' ')
    expect(readable).not.toContain(user.email.split('@')[0]!)
    expect(readable).not.toContain('test.example')
  })
})

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax and, over https, Secure', async () => {
    const user = await account()
    const reply = await login(user.email, PASSWORD)
    const cookie = reply.headers.get('Set-Cookie') ?? ''
    expect(cookie).toMatch(/^payload-token=/)
    expect(cookie).toMatch(/;\s*HttpOnly/i)
    expect(cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i)
    expect(cookie).toMatch(/;\s*Secure/i)
  })

  it('is Secure exactly when the CMS is served over https', () => {
    expect(authCookies('https://cms.example.org')).toMatchObject({ secure: true, sameSite: 'Lax' })
    expect(authCookies('http://localhost:3000')).toMatchObject({ secure: false, sameSite: 'Lax' })
  })
})

describe('GraphQL', () => {
  it('offers no mutations on accounts: sign-in and password resets go through the hardened REST endpoints', async () => {
    for (const mutation of [`forgotPasswordUser(email: "x@test.example")`, `unlockUser(email: "x@test.example")`]) {
      const reply = await graphqlQuery(`mutation { ${mutation} }`, tokens.editor)
      expect(reply.body.errors?.[0]?.message).toMatch(/Cannot query field/)
    }
  })
})
