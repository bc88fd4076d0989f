import {
  AutoLinkNode,
  convertHTMLToLexical,
  LinkNode,
  type SanitizedServerEditorConfig,
} from '@payloadcms/richtext-lexical'
import { ListItemNode, ListNode } from '@payloadcms/richtext-lexical/lexical/list'
import { HeadingNode, QuoteNode } from '@payloadcms/richtext-lexical/lexical/rich-text'
import { JSDOM } from 'jsdom'
import { safeHref } from '@masterplan/shared'
import { excerpt, type Notice, notice } from './notices.ts'
import type { Quote } from './quotes.ts'
import { quoteMarker } from './structure.ts'

type Node = { type: string; children?: Node[]; [key: string]: unknown }
export type EditorState = { root: Node }

// Bold and italic are the editor's only text formats; other Word formatting is let go of, not the words.
const KEPT_FORMATS = 1 | 2
const HEADING_TAGS: Record<string, string> = { h1: 'h2', h5: 'h4', h6: 'h4' }

/**
 * The node classes of the editorial editor that HTML can turn into (blocks and the horizontal rule
 * never come from a Word file). The worker thread has no Payload config to build the editor from;
 * a test compares the result with the fields' own editor configuration.
 */
export const wordEditorConfig = {
  features: { nodes: [HeadingNode, QuoteNode, ListNode, ListItemNode, LinkNode, AutoLinkNode] },
} as unknown as SanitizedServerEditorConfig

const textOf = (node: Node): string =>
  node.type === 'text' ? String(node.text ?? '') : (node.children ?? []).map(textOf).join('')

/** Fits converted nodes to what the editor offers and the site renders, reporting what changed. */
function fitNodes(nodes: Node[], notices: Notice[]): Node[] {
  return nodes.flatMap((node): Node[] => {
    if (node.type === 'link' || node.type === 'autolink') {
      const url = (node.fields as { url?: unknown } | undefined)?.url
      if (!safeHref(url)) {
        notices.push(
          notice(
            'link',
            `Link entfernt, Text behalten: „${excerpt(textOf(node))}“ → ${excerpt(String(url ?? ''))} (nur http(s), mailto und tel)`,
            'link removed, words kept (only http(s), mailto and tel links)',
          ),
        )
        return fitNodes(node.children ?? [], notices)
      }
    }
    if (node.type === 'text' && typeof node.format === 'number' && node.format & ~KEPT_FORMATS) {
      notices.push(
        notice(
          'format',
          `Formatierung (z. B. durchgestrichen, hoch-/tiefgestellt) nicht übernommen bei „${excerpt(String(node.text))}“`,
          'formatting other than bold and italic dropped, words kept',
        ),
      )
      return [{ ...node, format: node.format & KEPT_FORMATS }]
    }
    if (node.type === 'heading' && typeof node.tag === 'string' && HEADING_TAGS[node.tag]) {
      node.tag = HEADING_TAGS[node.tag]
    }
    // A Word quote style arrives as a block quote holding paragraphs; the site draws one line of text there.
    if (node.type === 'quote') {
      const inline = (node.children ?? []).flatMap((child, i) => [
        ...(i > 0 ? [{ type: 'linebreak', version: 1 }] : []),
        ...(child.type === 'paragraph' ? (child.children ?? []) : [child]),
      ])
      return [{ ...node, children: fitNodes(inline, notices) }]
    }
    return [node.children ? { ...node, children: fitNodes(node.children, notices) } : node]
  })
}

const quoteBlock = (quote: Quote, index: number): Node => ({
  type: 'block',
  version: 2,
  format: '',
  fields: { id: `import-quote-${index}`, blockName: '', blockType: 'quote', ...quote },
})

/** Rich text for one field from HTML, with quote markers replaced by quote blocks. */
export function toLexical(
  html: string[],
  notices: Notice[],
  quotes: Quote[] = [],
  editorConfig: SanitizedServerEditorConfig = wordEditorConfig,
): EditorState | null {
  if (html.length === 0) return null
  const state = convertHTMLToLexical({ editorConfig, html: html.join(''), JSDOM }) as unknown as EditorState
  const markers = new Map(quotes.map((quote, index) => [quoteMarker(index), quoteBlock(quote, index)]))
  const children = fitNodes(state.root.children ?? [], notices).map((node) =>
    node.type === 'paragraph' ? (markers.get(textOf(node).trim()) ?? node) : node,
  )
  return { root: { ...state.root, children } }
}
