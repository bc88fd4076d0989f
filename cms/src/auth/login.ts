import {
  APIError,
  AuthenticationError,
  type CollectionAfterErrorHook,
  type CollectionAfterLoginHook,
  type CollectionBeforeOperationHook,
  formatErrors,
  LockedAuth,
} from 'payload'
import { readEnv } from '../lib/env.ts'
import { clientKey } from './clientKey.ts'
import { hasDeviceCookie, issueDeviceCookie } from './deviceCookie.ts'
import { hashLikeALogin } from './equalTiming.ts'
import { beginAttempt, forgetAttempt } from './throttle.ts'

const ATTEMPT = 'loginAttemptId'

const tooMany = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60)
  return `Zu viele fehlgeschlagene Anmeldeversuche; bitte in ${minutes} Minute(n) erneut versuchen / too many failed logins; try again in ${minutes} minute(s)`
}

/**
 * Guards every login that comes from outside (REST, and GraphQL were it switched on for users; the
 * Local API is the server's own code): the per-client limit, and the same answer in the same time
 * whether the address is unknown, the password wrong or the account locked. Payload's own lock
 * (maxLoginAttempts, lockTime) stays as it is; only what a client learns about it changes.
 *
 * A browser with a device cookie for the account (deviceCookie.ts) is not held to the per-client
 * limit: it signed in there before, so it is not the one guessing. Every other client is, and
 * while limited it gets 429 before its password is looked at, so it learns nothing from a guess.
 */
export function loginProtection({
  trustProxy,
  secureCookies = new URL(readEnv().SERVER_URL).protocol === 'https:',
}: {
  trustProxy: boolean
  secureCookies?: boolean
}) {
  const beforeOperation: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
    if (operation !== 'login' || req.payloadAPI === 'local') return args
    const { email, password } = args.data as { email?: unknown; password?: unknown }
    const address = typeof email === 'string' ? email.toLowerCase().trim() : ''

    if (!hasDeviceCookie(req.payload.secret, req.headers.get('cookie'), address)) {
      const client = clientKey(req.headers, address, trustProxy)
      const attempt = await beginAttempt(req.payload, client)
      if (!attempt.allowed) {
        req.payload.logger.warn(
          `login refused: per-client limit reached (${client.startsWith('ip:') ? 'client address' : 'e-mail address'}), retry in ${attempt.retryAfterSeconds} s`,
        )
        req.responseHeaders = new Headers(req.responseHeaders)
        req.responseHeaders.set('Retry-After', String(attempt.retryAfterSeconds))
        throw new APIError(tooMany(attempt.retryAfterSeconds), 429)
      }
      req.context[ATTEMPT] = attempt.id
    }

    // Payload answers an unknown address or a locked account at once, and a wrong password
    // only after hashing it: the difference tells which addresses have accounts.
    const user = address
      ? await req.payload.db.findOne<{ id: number; lockUntil?: string | null }>({
          collection: 'users',
          req,
          where: { email: { equals: address } },
        })
      : null
    const lockedUntil = user?.lockUntil && new Date(user.lockUntil) > new Date() ? user.lockUntil : null
    if (!user || lockedUntil) await hashLikeALogin(typeof password === 'string' ? password : '')
    if (user && lockedUntil) {
      req.payload.logger.info(`login refused: user ${user.id} is locked until ${lockedUntil}`)
      throw new AuthenticationError(req.t)
    }
    return args
  }

  const afterLogin: CollectionAfterLoginHook = async ({ req, user }) => {
    req.payload.logger.info({ event: 'login', userId: user.id, role: user.role }, 'signed in')
    const id = req.context[ATTEMPT]
    if (typeof id === 'number') await forgetAttempt(req, id)
    if (req.payloadAPI === 'local') return
    // Renewed at every login, so a browser in use keeps it; one unused for 180 days loses it.
    req.responseHeaders = new Headers(req.responseHeaders)
    req.responseHeaders.append('Set-Cookie', issueDeviceCookie(req.payload.secret, user.email, secureCookies))
  }

  /**
   * A lock that only comes about inside Payload's login (wrong passwords in parallel, or a count
   * at the limit without a lock yet) still reaches the client as wrong credentials. Payload has
   * logged the real reason before this runs.
   */
  const afterError: CollectionAfterErrorHook = ({ error, req }) => {
    if (!(error instanceof LockedAuth)) return
    return { response: formatErrors(new AuthenticationError(req.t)), status: 401 }
  }

  return { beforeOperation, afterLogin, afterError }
}
