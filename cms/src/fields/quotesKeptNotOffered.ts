import { BlockquoteFeature, type ServerFeature } from '@payloadcms/richtext-lexical'

const blockquote = BlockquoteFeature()

/**
 * Lexical's block quote with its node, conversions and translations, but a client part that only
 * registers the node: no slash-menu or toolbar entry, no "> " shortcut.
 */
export const quotesKeptNotOffered: typeof blockquote = {
  ...blockquote,
  feature: {
    ...(blockquote.feature as ServerFeature<undefined, undefined>),
    ClientFeature: '/fields/quoteNode.client.ts#QuoteNodeClient',
  },
}
