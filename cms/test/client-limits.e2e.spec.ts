import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_VERSION } from '@masterplan/shared'
import { type MailSink, startMailSink } from '../scripts/mail-sink.ts'
import { startTestCms, type TestCms } from '../scripts/test-cms.ts'
import { receivedMails } from './helpers/mail.ts'

/**
 * The per-client limits against a real `next start` without TRUST_PROXY: a client is its socket
 * address, whatever headers it writes, and a browser with a device cookie from an earlier login is
 * not locked out by someone else's guessing from the same address.
 */
let sink: MailSink
let cms: TestCms
const ADMIN = 'admin@client-limits.example'
const PASSWORD = 'ein-langes-passwort-42'

beforeAll(async () => {
  sink = await startMailSink({ keep: true })
  cms = await startTestCms({ env: { SMTP_URL: sink.url, TRUST_PROXY: 'false' } })
  const created = await fetch(`${cms.url}/api/users/first-register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN, password: PASSWORD }),
  })
  if (!created.ok) throw new Error(`first-register: ${created.status} ${await created.text()}`)
}, 600_000)

afterAll(async () => {
  await cms?.stop()
  await sink?.stop()
})

describe('confirmation mails per client', () => {
  it('stop at ten per hour from one socket address, however the client names itself', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 23; i++) {
      const reply = await fetch(`${cms.url}/api/subscriptions/request`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'text/html',
          'X-Forwarded-For': `198.51.100.${i}`,
          'X-Real-IP': `198.51.100.${i}`,
          'X-Masterplan-Socket-Address': `192.0.2.${i}`,
        },
        body: new URLSearchParams({
          email: `e2e-streuung-${i}@beispiel.example`,
          topics: 'press-releases',
          consent: CONSENT_VERSION,
        }),
      })
      await reply.arrayBuffer()
      statuses.push(reply.status)
    }
    expect(statuses).toEqual([...Array(10).fill(303), ...Array(13).fill(429)])
    expect((await receivedMails(sink)).filter((mail) => mail.to.startsWith('e2e-streuung-'))).toHaveLength(10)
  })
})

describe('failed logins per client', () => {
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    })

  it('stop a guessing socket address, but not a browser that signed in there before', async () => {
    const first = await login(ADMIN, PASSWORD)
    expect(first.status).toBe(200)
    const device = first.headers.getSetCookie().find((cookie) => cookie.startsWith('masterplan-device-'))
    expect(device).toBeTruthy()

    // Password spraying from this machine, each guess under another forwarded address.
    for (let i = 0; i < 20; i++) {
      const reply = await login(`niemand-${i}@client-limits.example`, 'Sommer2026!Sommer', {
        'X-Forwarded-For': `198.51.100.${i}`,
        'X-Masterplan-Socket-Address': `192.0.2.${i}`,
      })
      expect(reply.status).toBe(401)
    }
    expect((await login(ADMIN, PASSWORD, { 'X-Forwarded-For': '198.51.100.250' })).status).toBe(429)
    const returning = await login(ADMIN, PASSWORD, { Cookie: device!.split(';', 1)[0]! })
    expect(returning.status).toBe(200)
  })
})
