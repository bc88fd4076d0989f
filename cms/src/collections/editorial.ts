import type { CollectionConfig } from 'payload'
import type { UserRole } from '@masterplan/shared'
import { editorialAccess } from '../access/index.ts'
import { lockDocumentSave } from '../db/documentSaveLock.ts'
import { ADMIN_TIME } from '../fields/dateFormats.ts'
import { liveStatusField } from '../fields/liveStatus.ts'
import { publishingHooks } from '../publishing/hooks.ts'
import type { EditorialSlug } from './editorialSlugs.ts'
import { adminGroups } from './groups.ts'

type Hooks = NonNullable<CollectionConfig['hooks']>

type Options = Omit<CollectionConfig, 'slug' | 'admin' | 'access' | 'versions' | 'hooks'> & {
  slug: EditorialSlug
  /** The role that writes this collection besides admins. */
  writers: UserRole
  admin: {
    useAsTitle?: string
    defaultColumns: string[]
    /** Admin components of the collection's own, e.g. an import button above the list. */
    components?: NonNullable<CollectionConfig['admin']>['components']
  }
  /** Overrides of the editorial access, e.g. a stricter public read. */
  access?: CollectionConfig['access']
  /** Hooks besides the publishing ones, which every editorial collection must keep. */
  hooks?: Omit<Hooks, 'afterChange' | 'afterDelete'>
}

/**
 * A collection the press office or the editors write and the site publishes: drafts with autosave,
 * versions, scheduled publishing, a site build after every public change, and its live status
 * beside the form, and one save of a document at a time. The fields follow the live status in the
 * order given.
 */
export function editorialCollection({ writers, admin, access, hooks, fields, ...config }: Options): CollectionConfig {
  return {
    ...config,
    admin: { useAsTitle: 'title', ...admin, group: adminGroups.content },
    access: { ...editorialAccess(writers), ...access },
    versions: {
      maxPerDoc: 50,
      // The schedule dialog's times in the admin's format (its date format follows admin.dateFormat).
      drafts: { autosave: { interval: 2000 }, schedulePublish: { timeFormat: ADMIN_TIME, timeIntervals: 5 } },
    },
    hooks: { ...hooks, beforeOperation: [lockDocumentSave, ...(hooks?.beforeOperation ?? [])], ...publishingHooks },
    fields: [liveStatusField, ...fields],
  }
}
