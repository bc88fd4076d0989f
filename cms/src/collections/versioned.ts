import type { CollectionConfig } from 'payload'

/** Drafts with autosave, version history, and scheduled publish/unpublish for editorial content. */
export const versioned: CollectionConfig['versions'] = {
  maxPerDoc: 50,
  drafts: { autosave: { interval: 2000 }, schedulePublish: true },
}
