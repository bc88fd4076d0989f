/**
 * The session cookie (Payload always sets it HttpOnly, out of reach of scripts). SameSite=Lax keeps
 * it off cross-site form posts and subrequests while a link into the admin from an e-mail or a
 * chat still opens signed in, which Strict would not. Secure over https only: a browser never
 * sends a Secure cookie back over plain http, so a local CMS could not sign in.
 */
export const authCookies = (serverURL: string) => ({
  sameSite: 'Lax' as const,
  secure: new URL(serverURL).protocol === 'https:',
})
