import { z } from 'zod'

export const id = z.number().int().positive()

/** Payload stores dates as ISO 8601 timestamps in UTC. */
export const timestamp = z.iso.datetime({ offset: true })

/** Anonymous reads must only ever see published documents; anything else is a leak. */
export const publishedStatus = z.literal('published')

export const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')

/**
 * Lexical editor state as Payload stores it. Node details are checked by the site's renderer,
 * which knows every node type it can draw and refuses the rest.
 */
export const richText = z.object({
  root: z
    .object({
      type: z.literal('root'),
      children: z.array(z.looseObject({ type: z.string() })),
    })
    .loose(),
})
export type RichText = z.infer<typeof richText>

/**
 * A relationship as the REST API returns it: populated when the reader may see the target and the
 * depth allows, otherwise only the id (an unpublished target stays a bare id for anonymous readers).
 */
export const ref = <T extends z.ZodType>(doc: T) => z.union([id, doc])

export const paginated = <T extends z.ZodType>(doc: T) =>
  z.object({
    docs: z.array(doc),
    totalDocs: z.number().int().nonnegative(),
    limit: z.number().int().nonnegative(),
    totalPages: z.number().int().nonnegative(),
    page: z.number().int().positive(),
    hasNextPage: z.boolean(),
    nextPage: z.number().int().nullish(),
  })

export const documentBase = z.object({
  id,
  createdAt: timestamp,
  updatedAt: timestamp,
})
