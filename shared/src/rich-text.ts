/**
 * Renders Payload CMS Lexical JSON (a richText field value) to an HTML string.
 *
 * The renderer is an allow-list: it knows a fixed set of node types, emits only
 * markup it builds itself and escapes every piece of editor-supplied text. Input
 * attributes (styles, alignment, ids, classes, …) are never copied to the output.
 * Anything it does not understand is an error rather than silently dropped, so
 * the build fails loudly instead of publishing half a page.
 */

export class RichTextError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RichTextError'
  }
}

export type RichTextContext = {
  /** names the document in errors, e.g. 'press-releases "kabinett-gibt-startschuss" (id 1), field body' */
  document: string
  locale: 'de' | 'en'
  /** turns an internal link target into a site path such as '/aktuelles/<slug>/' or '/en/partner/<slug>/'; returns null when the target is not public (then render the link text without a link) */
  internalHref: (relationTo: string, value: unknown) => string | null
}

type LexicalNode = Record<string, unknown>

/** Where we are in the tree; the path makes error messages point at the offending node. */
type At = { ctx: RichTextContext; path: string }

export function renderRichText(state: unknown, ctx: RichTextContext): string {
  if (state === null || state === undefined) return ''
  const at: At = { ctx, path: 'root' }
  const root = isObject(state) ? state.root : undefined
  if (!isObject(root) || root.type !== 'root') fail(at, 'rich-text value has no root node')
  return childrenOf(root, at)
    .map((node, i) => renderBlock(node, childAt(at, i)))
    .join('')
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
  return tag ?? fail(at, `unsupported heading tag "${String(node.tag)}"`)
}

function renderList(node: LexicalNode, at: At): string {
  const tag = listTag(node, at)
  const items: string[] = []
  childrenOf(node, at).forEach((item, i) => {
    const itemAt = childAt(at, i)
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
  return fail(at, `unsupported list type "${String(node.listType)}"`)
}

function renderListItem(item: LexicalNode, at: At): string {
  return childrenOf(item, at)
    .map((node, i) => (node.type === 'list' ? renderList(node, childAt(at, i)) : renderInline(node, childAt(at, i))))
    .join('')
}

function holdsOnlyLists(item: LexicalNode): boolean {
  const children = Array.isArray(item.children) ? item.children : []
  return children.length > 0 && children.every((child) => isObject(child) && child.type === 'list')
}

/** Payload "blocks" embedded in the editor; only the quote block exists so far. */
function renderCustomBlock(node: LexicalNode, at: At): string {
  const fields = isObject(node.fields) ? node.fields : {}
  if (fields.blockType !== 'quote') fail(at, `unknown block type "${String(fields.blockType)}"`)

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
    .map((child, i) => renderInline(child, childAt(at, i)))
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

type LinkTarget = { href: string; external: boolean }

function linkTarget(fields: LexicalNode, ctx: RichTextContext): LinkTarget | null {
  if (fields.linkType === 'internal') {
    const doc = fields.doc
    // A missing reference (e.g. the target was deleted) is treated like a non-public one.
    if (!isObject(doc) || typeof doc.relationTo !== 'string') return null
    // The resolver is ours, but its result goes through the same check anyway.
    return safeHref(ctx.internalHref(doc.relationTo, doc.value))
  }
  return safeHref(fields.url)
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:'])
// Used only to resolve site paths; it is never emitted.
const PLACEHOLDER_ORIGIN = 'https://placeholder.invalid'

/**
 * Returns a normalised href for allowed targets, null for everything else.
 * Letting the URL parser decide the scheme (rather than matching strings) is
 * what defeats mixed case, leading junk and split schemes like 'java\tscript:'.
 */
function safeHref(raw: unknown): LinkTarget | null {
  if (typeof raw !== 'string') return null
  const url = raw.trim()
  // Browsers silently drop tabs and newlines inside URLs, a classic way to hide
  // a scheme; no legitimate link needs control characters.
  if (url === '' || /[\u0000-\u001f\u007f]/.test(url)) return null

  if (url.startsWith('#')) return { href: url, external: false }

  if (url.startsWith('/')) {
    // '//host' and '/\host' are protocol-relative in browsers; resolving against
    // a placeholder origin and checking we stayed there catches both.
    const parsed = parseUrl(url, PLACEHOLDER_ORIGIN)
    if (parsed === null || parsed.origin !== PLACEHOLDER_ORIGIN) return null
    return { href: parsed.pathname + parsed.search + parsed.hash, external: false }
  }

  // Without a base, relative strings (including entity-encoded schemes such as
  // 'javascript&#58;…', which contain no real colon) fail to parse and are rejected.
  const parsed = parseUrl(url)
  if (parsed === null || !ALLOWED_PROTOCOLS.has(parsed.protocol)) return null
  return { href: parsed.href, external: parsed.protocol === 'http:' || parsed.protocol === 'https:' }
}

function parseUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base)
  } catch {
    return null
  }
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
  if (!Array.isArray(node.children)) fail(at, 'children is not a list')
  return node.children.map((child: unknown, i: number) => {
    if (!isObject(child)) fail(childAt(at, i), 'rich-text node is not an object')
    return child
  })
}

function childAt(at: At, index: number): At {
  return { ctx: at.ctx, path: `${at.path} > ${index}` }
}

function stringField(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function isObject(value: unknown): value is LexicalNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const KNOWN_TYPES = new Set([
  'root', 'paragraph', 'heading', 'quote', 'list', 'listitem', 'horizontalrule', 'block',
  'text', 'linebreak', 'tab', 'link', 'autolink',
])

/** A known type in the wrong place (e.g. a paragraph inside a link) would produce invalid HTML. */
function unexpected(node: LexicalNode, at: At): never {
  const type = String(node.type)
  return fail(at, KNOWN_TYPES.has(type) ? `node type "${type}" is not allowed here` : `unknown node type "${type}"`)
}

function fail(at: At, message: string): never {
  throw new RichTextError(`${at.ctx.document}: ${message} at ${at.path}`)
}
