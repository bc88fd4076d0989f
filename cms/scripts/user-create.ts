/** pnpm user:create -- --email E --password P --role admin|press|editor [--name N] */
import { parseArgs } from 'node:util'
import { USER_ROLES, type UserRole } from '@masterplan/shared'
import { passwordProblem } from '../src/collections/Users/password.ts'
import { bootPayload, prepareLocalEnv } from './local-env.ts'
import { migrate } from './migrate.ts'

function fail(message: string): never {
  console.error(`user:create: ${message}`)
  process.exit(2)
}

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  },
})
const { email, password, role, name } = values
if (!email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('--email must be an e-mail address')
if (!password) fail('--password is required')
const weak = passwordProblem(password)
if (weak) fail(`--password: ${weak}`)
if (!role || !USER_ROLES.includes(role as UserRole))
  fail(`--role must be one of ${USER_ROLES.join(', ')} (got "${role ?? ''}")`)

const { env, stop } = await prepareLocalEnv()
Object.assign(process.env, env)
let code = 0
try {
  migrate(env)
  const payload = await bootPayload()
  const taken = await payload.count({
    collection: 'users',
    where: { email: { equals: email.toLowerCase() } },
    overrideAccess: true,
  })
  if (taken.totalDocs) {
    console.error(`user:create: a user with the e-mail ${email} exists already`)
    code = 2
  } else {
    await payload.create({
      collection: 'users',
      data: { email, password, role: role as UserRole, name },
      overrideAccess: true,
    })
    console.log(`Created ${role} ${email}. Log in at ${env.SERVER_URL ?? 'http://localhost:3000'}/admin`)
  }
} finally {
  await stop()
}
process.exit(code)
