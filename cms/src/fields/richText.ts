import {
  BlockquoteFeature,
  BoldFeature,
  FixedToolbarFeature,
  HeadingFeature,
  HorizontalRuleFeature,
  InlineToolbarFeature,
  ItalicFeature,
  LinkFeature,
  lexicalEditor,
  OrderedListFeature,
  ParagraphFeature,
  UnorderedListFeature,
} from '@payloadcms/richtext-lexical'
import type { RichTextField } from 'payload'
import { EDITORIAL_SLUGS } from '../collections/editorialSlugs.ts'
import { refuseUnrenderable } from './renderable.ts'

/**
 * The formatting a press text needs, and no more: every node type offered here is one the public
 * site knows how to render safely (no embeds, no raw HTML, no uploads inside the text).
 */
export const editorialFeatures = [
  ParagraphFeature(),
  HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4'] }),
  BoldFeature(),
  ItalicFeature(),
  UnorderedListFeature(),
  OrderedListFeature(),
  LinkFeature({ enabledCollections: [...EDITORIAL_SLUGS] }),
  BlockquoteFeature(),
  HorizontalRuleFeature(),
  FixedToolbarFeature(),
  InlineToolbarFeature(),
]

export const editorialEditor = lexicalEditor({ features: editorialFeatures })

/**
 * A rich-text field that stores only what the site can publish. The editor limits what editors can
 * make; this also stops what arrives through the API or from another editor's clipboard.
 */
export function richTextField(field: Omit<RichTextField, 'type'>): RichTextField {
  return {
    ...field,
    type: 'richText',
    hooks: { ...field.hooks, beforeChange: [...(field.hooks?.beforeChange ?? []), refuseUnrenderable] },
  }
}
