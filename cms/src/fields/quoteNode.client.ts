'use client'
import { createClientFeature } from '@payloadcms/richtext-lexical/client'
import { QuoteNode } from '@payloadcms/richtext-lexical/lexical/rich-text'

/** Knows block quotes so existing ones render and stay editable; offers none (see quotesKeptNotOffered.ts). */
export const QuoteNodeClient = createClientFeature({ nodes: [QuoteNode] })
