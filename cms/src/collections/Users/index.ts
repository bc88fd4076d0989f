import type { CollectionConfig } from 'payload'
import { ValidationError } from 'payload'
import { USER_ROLES } from '@masterplan/shared'
import { adminOrSelf, roles, rolesField } from '../../access/index.ts'
import { authCookies } from '../../auth/cookies.ts'
import { forgotPasswordEndpoint } from '../../auth/forgotPassword.ts'
import { loginProtection } from '../../auth/login.ts'
import { readEnv } from '../../lib/env.ts'
import { labelledOptions } from '../../fields/options.ts'
import { label } from '../../lib/label.ts'
import { adminGroups } from '../groups.ts'
import { passwordProblem } from './password.ts'

const env = readEnv()
const login = loginProtection({ trustProxy: env.TRUST_PROXY })

const roleLabels = {
  admin: label('Administration', 'Administrator'),
  press: label('Pressestelle', 'Press office'),
  editor: label('Redaktion', 'Editor'),
} as const

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: label('Benutzer', 'User'), plural: label('Benutzer', 'Users') },
  auth: {
    tokenExpiration: 8 * 60 * 60,
    maxLoginAttempts: 10,
    lockTime: 10 * 60 * 1000,
    cookies: authCookies(env.SERVER_URL),
  },
  // Answers before the work is done, so that it takes as long for every address (src/auth/).
  endpoints: [forgotPasswordEndpoint],
  // GraphQL's forgot-password would still tell which addresses have accounts. The admin uses REST,
  // so accounts are changed, unlocked and reset there only.
  graphQL: { disableMutations: true },
  admin: { useAsTitle: 'email', defaultColumns: ['email', 'name', 'role'], group: adminGroups.administration },
  access: {
    read: adminOrSelf,
    create: roles(),
    update: adminOrSelf,
    delete: roles(),
    // Payload lets any signed-in user lift any account's lock, an admin's included.
    unlock: roles(),
    admin: ({ req: { user } }) => Boolean(user),
  },
  fields: [
    { name: 'name', type: 'text', label: label('Name', 'Name') },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'editor',
      saveToJWT: true,
      label: label('Rolle', 'Role'),
      options: labelledOptions(USER_ROLES, roleLabels),
      access: { create: rolesField(), update: rolesField() },
    },
  ],
  hooks: {
    beforeOperation: [login.beforeOperation],
    afterLogin: [login.afterLogin],
    afterError: [login.afterError],
    beforeValidate: [
      ({ data, req }) => {
        const problem = typeof data?.password === 'string' ? passwordProblem(data.password) : null
        if (problem) throw new ValidationError({ errors: [{ path: 'password', message: problem }] }, req.t)
        return data
      },
    ],
    beforeChange: [
      async ({ data, operation, req }) => {
        // The very first account, set up in the admin's welcome form, must be able to manage the rest.
        // Accounts made by scripts keep the role they were given.
        const firstRegister = req.pathname?.endsWith('/first-register')
        if (
          operation === 'create' &&
          firstRegister &&
          (await req.payload.count({ collection: 'users', req })).totalDocs === 0
        ) {
          data.role = 'admin'
        }
        return data
      },
    ],
  },
}
