/** Boots Payload with the environment given, signs a user in and fails one operation: what a log collector would see. */
import { bootPayload } from '../../scripts/local-env.ts'

const payload = await bootPayload()
const email = `log-${Date.now()}@test.example`
await payload.create({
  collection: 'users',
  data: { email, password: 'log-passwort-12345', role: 'editor' },
  overrideAccess: true,
})
await payload.login({ collection: 'users', data: { email, password: 'log-passwort-12345' } })
payload.logger.error({ event: 'probe-error', err: new Error('probe') }, 'an error')
await payload.destroy()
process.exit(0)
