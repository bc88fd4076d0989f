import {
  BlockquoteFeature,
  BlocksFeature,
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
import type { Block, RichTextField } from 'payload'
import { EDITORIAL_SLUGS } from '../collections/editorialSlugs.ts'
import { blocksGerman, editorPlaceholder, paragraphGerman, withGerman } from '../i18n/lexical.ts'
import { quotesKeptNotOffered } from './quotesKeptNotOffered.ts'
import { refuseUnrenderable } from './renderable.ts'

/**
 * The formatting a press text needs, and no more: every node type offered here is one the public
 * site knows how to render safely (no embeds, no raw HTML, no uploads inside the text).
 */
const commonFeatures = [
  withGerman(ParagraphFeature(), paragraphGerman),
  HeadingFeature({ enabledHeadingSizes: ['h2', 'h3', 'h4'] }),
  BoldFeature(),
  ItalicFeature(),
  UnorderedListFeature(),
  OrderedListFeature(),
  LinkFeature({ enabledCollections: [...EDITORIAL_SLUGS] }),
  HorizontalRuleFeature(),
  FixedToolbarFeature(),
  InlineToolbarFeature(),
]

export const editorialFeatures = [...commonFeatures, BlockquoteFeature()]

export const editorialEditor = lexicalEditor({ admin: { placeholder: editorPlaceholder }, features: editorialFeatures })

/**
 * An editor whose insert menu offers the given blocks. Their quote block (with the person quoted)
 * is the one quote it offers: a plain block quote beside it ("Zitat" next to "Blockzitat") left
 * editors guessing. Block quotes already in a text (and those the Word import makes) stay editable.
 */
export function editorialEditorWith(blocks: Block[]) {
  return lexicalEditor({
    admin: { placeholder: editorPlaceholder },
    features: [...commonFeatures, quotesKeptNotOffered, withGerman(BlocksFeature({ blocks }), blocksGerman)],
  })
}

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
