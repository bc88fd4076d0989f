import { pbkdf2, randomBytes } from 'node:crypto'

/**
 * Payload's current password hash (payload/dist/auth/strategies/local/generatePasswordSaltHash.js,
 * 3.90): PBKDF2-SHA256, 600,000 iterations, 32 bytes. If Payload changes it, the timing test in
 * test/auth.int.spec.ts fails and these follow.
 */
const ITERATIONS = 600_000
const KEY_LENGTH = 32
const salt = randomBytes(32).toString('hex')

/**
 * As much work as checking a password against a stored hash. A login for an unknown address or a
 * locked account does this instead, so that how long the answer takes says nothing about which of
 * them it was (without it, 10 ms against 90 ms).
 */
export function hashLikeALogin(password: string): Promise<void> {
  return new Promise((resolve, reject) =>
    pbkdf2(password, salt, ITERATIONS, KEY_LENGTH, 'sha256', (error) => (error ? reject(error) : resolve())),
  )
}
