import type { Access, FieldAccess, Where } from 'payload'
import type { UserRole } from '@masterplan/shared'

type RoleHolder = { role?: UserRole | null } | null | undefined

export const hasRole = (user: RoleHolder, ...roles: UserRole[]): boolean =>
  Boolean(user?.role && roles.includes(user.role))

/** Collection access for the given roles; admins are always among them. */
export const roles =
  (...allowed: UserRole[]): Access =>
  ({ req: { user } }) =>
    hasRole(user as RoleHolder, 'admin', ...allowed)

export const rolesField =
  (...allowed: UserRole[]): FieldAccess =>
  ({ req: { user } }) =>
    hasRole(user as RoleHolder, 'admin', ...allowed)

export const anyone: Access = () => true

export const nobody: Access = () => false

export const signedIn: Access = ({ req: { user } }) => Boolean(user)

export const published: Where = { _status: { equals: 'published' } }

/** Staff read everything, including drafts; the public reads published documents only. */
export const publishedOrSignedIn: Access = ({ req: { user } }) => (user ? true : published)

/** Admins see all accounts; everybody else sees only their own. */
export const adminOrSelf: Access = ({ req: { user } }) =>
  hasRole(user as RoleHolder, 'admin') ? true : user ? { id: { equals: user.id } } : false

/** Access for editorial collections: staff read drafts and versions, the given roles write. */
export const editorialAccess = (...writers: UserRole[]) => ({
  read: publishedOrSignedIn,
  readVersions: signedIn,
  create: roles(...writers),
  update: roles(...writers),
  delete: roles(...writers),
})
