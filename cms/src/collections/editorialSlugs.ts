import type { DataFromCollectionSlug } from 'payload'

/**
 * The collections editors write and the public site shows: each has drafts, versions, live preview
 * and can be linked from rich text. Their slugs are public REST API; renaming one breaks the site.
 * Nothing imported here runs, so scripts that must start fast can read the list too. Pages come
 * first because the rich-text link drawer offers the collections in this order.
 */
export const EDITORIAL_SLUGS = ['pages', 'press-releases', 'milestones', 'partners'] as const
export type EditorialSlug = (typeof EDITORIAL_SLUGS)[number]

export const isEditorialSlug = (slug: string): slug is EditorialSlug =>
  (EDITORIAL_SLUGS as readonly string[]).includes(slug)

/** A document of any editorial collection, as Payload's generated types describe it. */
export type EditorialDoc = DataFromCollectionSlug<EditorialSlug>
