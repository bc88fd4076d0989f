/**
 * Renders Payload CMS Lexical JSON (a richText field value) to an HTML string.
 *
 * The renderer is an allow-list: it knows a fixed set of node types, emits only
 * markup it builds itself and escapes every piece of editor-supplied text. Input
 * attributes (styles, alignment, ids, classes, …) are never copied to the output.
 * Anything it does not understand is an error rather than silently dropped, so
 * the build fails loudly instead of publishing half a page. The CMS runs the same code on save
 * (findUnrenderable), so what it stores is what the site can publish.
 */

import { safeHref, type SafeHref } from './links.ts'

/**
 * What the renderer refused. `node` names the offending thing the way an editor can find it
 * ('upload', 'paragraph in listitem', 'heading "h7"'); `path` is its position in the tree.
 */
export type RichTextProblem = {
  kind: 'unknown-node' | 'misplaced-node' | 'unsupported-value' | 'malformed' | 'unsafe-link'
  node: string
  path: string
}

export class RichTextError extends Error {
  readonly problem: RichTextProblem
  constructor(message: string, problem: RichTextProblem) {
    super(message)
    this.name = 'RichTextError'
    this.problem = problem
  }
}

export type RichTextContext = {
  /** names the document in errors, e.g. 'press-releases "kabinett-gibt-startschuss" (id 1), field body' */
  document: string
  locale: 'de' | 'en'
  /** turns an internal link target into a site path such as '/aktuelles/<slug>/' or '/en/partner/<slug>/'; returns null when the target is not public (then render the link text without a link) */
  internalHref: (relationTo: string, value: unknown) => string | null
  /** Fail on a link target the site would not link, instead of keeping only its words (for checks on save). */
  strictLinks?: boolean
}

type LexicalNode = Record<string, unknown>

/** Where we are in the tree; the path makes error messages point at the offending node. */
type At = { ctx: RichTextContext; path: string; parent: string }

export function renderRichText(state: unknown, ctx: RichTextContext): string {
  if (state === null || state === undefined) return ''
  const at: At = { ctx, path: 'root', parent: '' }
  const root = isObject(state) ? state.root : undefined
  if (!isObject(root) || root.type !== 'root')
    fail(at, 'rich-text value has no root node', { kind: 'malformed', node: 'root' })
  return childrenOf(root, at)
    .map((node, i) => renderBlock(node, childAt(at, i, root)))
    .join('')
}

/** Every node type the renderer draws; anything else in a rich-text value stops the build. */
export const RICH_TEXT_NODE_TYPES = [
  'root',
  'paragraph',
  'heading',
  'quote',
  'list',
  'listitem',
  'horizontalrule',
  'block',
  'text',
  'linebreak',
  'tab',
  'link',
  'autolink',
] as const

const CHECK_CONTEXT: RichTextContext = {
  document: 'rich text',
  locale: 'de',
  internalHref: () => null,
  strictLinks: true,
}

/**
 * The first thing in a rich-text value that would stop a site build (or lose a link on the way),
 * or null when the value renders. It is the renderer itself that decides, so the two cannot drift.
 */
export function findUnrenderable(state: unknown): RichTextProblem | null {
  try {
    renderRichText(state, CHECK_CONTEXT)
    return null
  } catch (error) {
    if (error instanceof RichTextError) return error.problem
    throw error
  }
}

// ---------------------------------------------------------------------------
// Block level: what may appear directly under the root.

function renderBlock(node: LexicalNode, at: At): string {
  switch (node.type) {
    case 'paragraph':
      return wrapUnlessBlank('p', renderInlineChildren(node, at))
    case 'heading':
      return wrapUnlessBlank(headingTag(node, at), renderInlineChildren(node, at))
    case 'quote': {
      const inner = renderInlineChildren(node, at)
      return isBlank(inner) ? '' : `<blockquote><p>${inner}</p></blockquote>`
    }
    case 'list':
      return renderList(node, at)
    case 'horizontalrule':
      return '<hr>'
    case 'block':
      return renderCustomBlock(node, at)
    default:
      return unexpected(node, at)
  }
}

// The page template owns the single h1 and the outline should not get deeper
// than h4, so editor headings are clamped into h2..h4.
const HEADING_TAGS = new Map([
  ['h1', 'h2'],
  ['h2', 'h2'],
  ['h3', 'h3'],
  ['h4', 'h4'],
  ['h5', 'h4'],
  ['h6', 'h4'],
])

function headingTag(node: LexicalNode, at: At): string {
  const tag = typeof node.tag === 'string' ? HEADING_TAGS.get(node.tag) : undefined
  return (
    tag ??
    fail(at, `unsupported heading tag "${String(node.tag)}"`, {
      kind: 'unsupported-value',
      node: `heading "${String(node.tag)}"`,
    })
  )
}

function renderList(node: LexicalNode, at: At): string {
  const tag = listTag(node, at)
  const items: string[] = []
  childrenOf(node, at).forEach((item, i) => {
    const itemAt = childAt(at, i, node)
    if (item.type !== 'listitem') unexpected(item, itemAt)
    const content = renderListItem(item, itemAt)
    // Lexical stores a nested list as a separate list item right after the item
    // it belongs to. Moving it into that item gives screen readers the real
    // hierarchy instead of an extra, empty-looking bullet.
    if (items.length > 0 && holdsOnlyLists(item)) items[items.length - 1] += content
    else if (!isBlank(content)) items.push(content)
  })
  if (items.length === 0) return ''
  return `<${tag}>${items.map((item) => `<li>${item}</li>`).join('')}</${tag}>`
}

function listTag(node: LexicalNode, at: At): 'ul' | 'ol' {
  if (node.listType === 'number') return 'ol'
  // Check lists render as plain bullets: a static page cannot keep the ticks in sync.
  if (node.listType === 'bullet' || node.listType === 'check') return 'ul'
  return fail(at, `unsupported list type "${String(node.listType)}"`, {
    kind: 'unsupported-value',
    node: `list "${String(node.listType)}"`,
  })
}

function renderListItem(item: LexicalNode, at: At): string {
  return childrenOf(item, at)
    .map((node, i) =>
      node.type === 'list' ? renderList(node, childAt(at, i, item)) : renderInline(node, childAt(at, i, item)),
    )
    .join('')
}

function holdsOnlyLists(item: LexicalNode): boolean {
  const children = Array.isArray(item.children) ? item.children : []
  return children.length > 0 && children.every((child) => isObject(child) && child.type === 'list')
}

/** Payload "blocks" embedded in the editor; only the quote block exists so far. */
function renderCustomBlock(node: LexicalNode, at: At): string {
  const fields = isObject(node.fields) ? node.fields : {}
  if (fields.blockType !== 'quote') {
    fail(at, `unknown block type "${String(fields.blockType)}"`, {
      kind: 'unknown-node',
      node: `block "${String(fields.blockType)}"`,
    })
  }

  const text = stringField(fields.text)
  if (text === '') return ''
  const caption = [stringField(fields.person), stringField(fields.office)].filter(Boolean).join(', ')
  // Escape first; the line breaks we insert afterwards are our own markup.
  const body = escapeHtml(text).replace(/\r\n?|\n/g, '<br>')
  const figcaption = caption ? `<figcaption>${escapeHtml(caption)}</figcaption>` : ''
  return `<figure class="quote"><blockquote><p>${body}</p></blockquote>${figcaption}</figure>`
}

// ---------------------------------------------------------------------------
// Inline level: the content of paragraphs, headings, quotes, list items, links.

function renderInlineChildren(node: LexicalNode, at: At): string {
  return childrenOf(node, at)
    .map((child, i) => renderInline(child, childAt(at, i, node)))
    .join('')
}

function renderInline(node: LexicalNode, at: At): string {
  switch (node.type) {
    case 'text':
      return renderText(node)
    case 'linebreak':
      return '<br>'
    case 'tab':
      return ' '
    case 'link':
    case 'autolink':
      return renderLink(node, at)
    default:
      return unexpected(node, at)
  }
}

// Lexical's format bitmask, listed innermost first so that e.g. bold + code
// becomes <strong><code>…</code></strong>. Other bits (such as highlight) have
// no meaning on the public site and are ignored.
const TEXT_FORMATS: ReadonlyArray<readonly [bit: number, tag: string]> = [
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
  [4, 's'],
  [8, 'u'],
  [2, 'em'],
  [1, 'strong'],
]

function renderText(node: LexicalNode): string {
  const text = typeof node.text === 'string' ? node.text : ''
  if (text === '') return ''
  // `style` (colours, font sizes) is deliberately not read: the site's CSS decides.
  const format = typeof node.format === 'number' ? node.format : 0
  let html = escapeHtml(text)
  for (const [bit, tag] of TEXT_FORMATS) {
    if (format & bit) html = `<${tag}>${html}</${tag}>`
  }
  return html
}

const LINK_HINTS = {
  de: { external: 'externer Link', newTab: 'öffnet in neuem Fenster' },
  en: { external: 'external link', newTab: 'opens in a new window' },
} as const

function renderLink(node: LexicalNode, at: At): string {
  const text = renderInlineChildren(node, at)
  const fields = isObject(node.fields) ? node.fields : {}
  const target = linkTarget(fields, at.ctx)
  if (target === null && at.ctx.strictLinks && fields.linkType !== 'internal') {
    fail(at, `link target "${String(fields.url ?? '')}" is not allowed`, {
      kind: 'unsafe-link',
      node: String(fields.url ?? ''),
    })
  }
  // A link we cannot (or may not) point anywhere still keeps its words.
  if (target === null || isBlank(text)) return text

  const newTab = fields.newTab === true
  const hints = LINK_HINTS[at.ctx.locale]
  const hint = [target.external && hints.external, newTab && hints.newTab].filter(Boolean).join(', ')

  let attributes = `href="${escapeHtml(target.href)}"`
  if (target.external) attributes += ' class="external" rel="noopener noreferrer"'
  else if (newTab) attributes += ' rel="noopener"'
  if (newTab) attributes += ' target="_blank"'
  const hintHtml = hint ? `<span class="visually-hidden"> (${escapeHtml(hint)})</span>` : ''
  return `<a ${attributes}>${text}${hintHtml}</a>`
}

function linkTarget(fields: LexicalNode, ctx: RichTextContext): SafeHref | null {
  if (fields.linkType === 'internal') {
    const doc = fields.doc
    // A missing reference (e.g. the target was deleted) is treated like a non-public one.
    if (!isObject(doc) || typeof doc.relationTo !== 'string') return null
    // The resolver is ours, but its result goes through the same check anyway.
    return safeHref(ctx.internalHref(doc.relationTo, doc.value))
  }
  return safeHref(fields.url)
}

// ---------------------------------------------------------------------------
// Helpers.

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * True when rendered HTML shows no text. Every '<' in our output starts a tag we
 * wrote (editor text is escaped), so stripping tags leaves exactly the text.
 */
function isBlank(html: string): boolean {
  return html.replace(/<[^>]*>/g, '').trim() === ''
}

function wrapUnlessBlank(tag: string, inner: string): string {
  return isBlank(inner) ? '' : `<${tag}>${inner}</${tag}>`
}

function childrenOf(node: LexicalNode, at: At): LexicalNode[] {
  if (node.children === undefined) return []
  if (!Array.isArray(node.children))
    fail(at, 'children is not a list', { kind: 'malformed', node: `${String(node.type)} children` })
  return node.children.map((child: unknown, i: number) => {
    if (!isObject(child))
      fail(childAt(at, i, node), 'rich-text node is not an object', {
        kind: 'malformed',
        node: `${String(node.type)} child`,
      })
    return child
  })
}

function childAt(at: At, index: number, parent: LexicalNode): At {
  return { ctx: at.ctx, path: `${at.path} > ${index}`, parent: String(parent.type) }
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function isObject(value: unknown): value is LexicalNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(RICH_TEXT_NODE_TYPES)

/** A known type in the wrong place (e.g. a paragraph inside a link) would produce invalid HTML. */
function unexpected(node: LexicalNode, at: At): never {
  const type = String(node.type)
  return KNOWN_TYPES.has(type)
    ? fail(at, `node type "${type}" is not allowed here`, { kind: 'misplaced-node', node: `${type} in ${at.parent}` })
    : fail(at, `unknown node type "${type}"`, { kind: 'unknown-node', node: type })
}

function fail(at: At, message: string, problem: Omit<RichTextProblem, 'path'>): never {
  throw new RichTextError(`${at.ctx.document}: ${message} at ${at.path}`, { ...problem, path: at.path })
}
