import type { Access, CollectionAdminOptions, CollectionConfig } from 'payload'
import { nobody } from '../access/index.ts'
import { type AdminGroup, adminGroups } from './groups.ts'

type Options = Omit<CollectionConfig, 'access' | 'admin'> & {
  group: AdminGroup
  /** Who reads the records. */
  read: Access
  /** Who may delete them; nobody unless given. */
  delete?: Access
  admin?: Omit<CollectionAdminOptions, 'group'>
}

/**
 * A collection of records only the system writes (site builds, alerts, backups, the log,
 * confirmed subscriptions): they say what happened, so nobody creates or edits them by hand.
 */
export function systemCollection({
  group,
  read,
  delete: remove = nobody,
  admin,
  ...config
}: Options): CollectionConfig {
  return {
    ...config,
    admin: { ...admin, group: adminGroups[group] },
    access: { read, create: nobody, update: nobody, delete: remove },
  }
}
