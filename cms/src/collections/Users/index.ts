import type { CollectionConfig } from 'payload'
import { ValidationError } from 'payload'
import { USER_ROLES } from '@masterplan/shared'
import { adminOrSelf, roles, rolesField } from '../../access/index.ts'
import { label } from '../../lib/label.ts'
import { passwordProblem } from './password.ts'

const roleLabels = {
  admin: label('Administration', 'Administrator'),
  press: label('Pressestelle', 'Press office'),
  editor: label('Redaktion', 'Editor'),
} as const

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: label('Benutzer', 'User'), plural: label('Benutzer', 'Users') },
  auth: { tokenExpiration: 8 * 60 * 60, maxLoginAttempts: 10, lockTime: 10 * 60 * 1000 },
  admin: { useAsTitle: 'email', defaultColumns: ['email', 'name', 'role'], group: label('Verwaltung', 'Administration') },
  access: {
    read: adminOrSelf,
    create: roles(),
    update: adminOrSelf,
    delete: roles(),
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
      options: USER_ROLES.map((value) => ({ value, label: roleLabels[value] })),
      access: { create: rolesField(), update: rolesField() },
    },
  ],
  hooks: {
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
        if (operation === 'create' && firstRegister && (await req.payload.count({ collection: 'users', req })).totalDocs === 0) {
          data.role = 'admin'
        }
        return data
      },
    ],
  },
}
