export const MIN_PASSWORD_LENGTH = 12

/** Why a password is too weak, or null. Length beats composition rules (NIST SP 800-63B). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Das Passwort braucht mindestens ${MIN_PASSWORD_LENGTH} Zeichen / the password needs at least ${MIN_PASSWORD_LENGTH} characters`
  }
  if (new Set(password).size < 5) {
    return 'Das Passwort ist zu einfach / the password is too simple'
  }
  return null
}
