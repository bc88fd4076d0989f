import { describe, expect, it, vi } from 'vitest'
import { RichTextError, renderRichText, type RichTextContext } from '../src/rich-text.ts'

// --- Small builders so each test shows only the part of the tree it is about.

type Node = Record<string, unknown>

const doc = (...children: Node[]) => ({ root: { type: 'root', children } })
const text = (value: string, format = 0): Node => ({ type: 'text', text: value, format })
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children })
const heading = (tag: string, ...children: Node[]): Node => ({ type: 'heading', tag, children })
const list = (listType: string, ...children: Node[]): Node => ({ type: 'list', listType, children })
const item = (...children: Node[]): Node => ({ type: 'listitem', children })
const link = (fields: Node, label = 'Mehr erfahren'): Node => ({ type: 'link', fields, children: [text(label)] })
const customLink = (url: string, extra: Node = {}) => link({ linkType: 'custom', url, ...extra })
const quoteBlock = (fields: Node): Node => ({ type: 'block', fields: { blockType: 'quote', ...fields } })

const context = (overrides: Partial<RichTextContext> = {}): RichTextContext => ({
  document: 'press-releases "kabinett-gibt-startschuss" (id 1), field body',
  locale: 'de',
  internalHref: () => null,
  ...overrides,
})

const render = (state: unknown, overrides: Partial<RichTextContext> = {}) => renderRichText(state, context(overrides))
const renderInParagraph = (node: Node, overrides: Partial<RichTextContext> = {}) =>
  render(doc(paragraph(node)), overrides)

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Catches the thrown error so a test can look at its message. */
function errorFrom(action: () => unknown): Error {
  try {
    action()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error to be thrown')
}

describe('renderRichText: document shape', () => {
  it('renders nothing for an empty field', () => {
    expect(render(null)).toBe('')
    expect(render(undefined)).toBe('')
  })

  it('rejects a value without a root node', () => {
    expect(() => render({ children: [] })).toThrow(RichTextError)
  })
})

describe('renderRichText: block nodes', () => {
  it('renders a paragraph', () => {
    expect(render(doc(paragraph(text('Hallo Sachsen'))))).toBe('<p>Hallo Sachsen</p>')
  })

  it('skips empty paragraphs', () => {
    const state = doc(paragraph(), paragraph(text('Inhalt')), paragraph(text('   ')))
    expect(render(state)).toBe('<p>Inhalt</p>')
  })

  it('keeps h2 to h4 as they are', () => {
    const state = doc(heading('h2', text('A')), heading('h3', text('B')), heading('h4', text('C')))
    expect(render(state)).toBe('<h2>A</h2><h3>B</h3><h4>C</h4>')
  })

  it('turns h1 into h2 because the page owns the only h1', () => {
    expect(render(doc(heading('h1', text('Titel'))))).toBe('<h2>Titel</h2>')
  })

  it('turns h5 and h6 into h4', () => {
    expect(render(doc(heading('h5', text('A')), heading('h6', text('B'))))).toBe('<h4>A</h4><h4>B</h4>')
  })

  it('renders a bullet list as ul', () => {
    expect(render(doc(list('bullet', item(text('eins')), item(text('zwei')))))).toBe(
      '<ul><li>eins</li><li>zwei</li></ul>',
    )
  })

  it('renders a numbered list as ol', () => {
    expect(render(doc(list('number', item(text('eins')))))).toBe('<ol><li>eins</li></ol>')
  })

  it('renders a check list as ul', () => {
    expect(render(doc(list('check', item(text('erledigt')))))).toBe('<ul><li>erledigt</li></ul>')
  })

  it('puts a nested list inside the item it follows', () => {
    // This is how Lexical stores nesting: the sub-list sits in its own list item.
    const state = doc(list('bullet', item(text('Region')), item(list('number', item(text('Chemnitz'))))))
    expect(render(state)).toBe('<ul><li>Region<ol><li>Chemnitz</li></ol></li></ul>')
  })

  it('renders a quote as blockquote with a paragraph', () => {
    expect(render(doc({ type: 'quote', children: [text('Zitat')] }))).toBe('<blockquote><p>Zitat</p></blockquote>')
  })

  it('renders a horizontal rule', () => {
    expect(render(doc({ type: 'horizontalrule' }))).toBe('<hr>')
  })

  it('ignores alignment, indent, direction, style and id on elements', () => {
    const node = { ...paragraph(text('x')), format: 'center', indent: 2, direction: 'rtl', style: 'color:red', id: 'a' }
    expect(render(doc(node))).toBe('<p>x</p>')
  })
})

describe('renderRichText: inline nodes', () => {
  it.each([
    [1, 'strong'],
    [2, 'em'],
    [4, 's'],
    [8, 'u'],
    [16, 'code'],
    [32, 'sub'],
    [64, 'sup'],
  ])('renders text format %i as <%s>', (format, tag) => {
    expect(renderInParagraph(text('x', format))).toBe(`<p><${tag}>x</${tag}></p>`)
  })

  it('nests combined text formats', () => {
    expect(renderInParagraph(text('x', 1 | 2 | 16))).toBe('<p><strong><em><code>x</code></em></strong></p>')
  })

  it('never outputs the inline style of a text node', () => {
    expect(renderInParagraph({ ...text('rot'), style: 'color: red' })).toBe('<p>rot</p>')
  })

  it('renders a line break as br', () => {
    expect(render(doc(paragraph(text('a'), { type: 'linebreak' }, text('b'))))).toBe('<p>a<br>b</p>')
  })

  it('renders a tab as a space', () => {
    expect(render(doc(paragraph(text('a'), { type: 'tab' }, text('b'))))).toBe('<p>a b</p>')
  })
})

describe('renderRichText: links', () => {
  it('marks an external link and adds the German hint', () => {
    expect(renderInParagraph(customLink('https://www.sachsen.de/'))).toBe(
      '<p><a href="https://www.sachsen.de/" class="external" rel="noopener noreferrer">Mehr erfahren' +
        '<span class="visually-hidden"> (externer Link)</span></a></p>',
    )
  })

  it('uses the English hint on English pages', () => {
    expect(renderInParagraph(customLink('http://example.org/'), { locale: 'en' })).toContain(
      '<span class="visually-hidden"> (external link)</span>',
    )
  })

  it('opens a new tab only when asked and says so in one combined hint', () => {
    const html = renderInParagraph(customLink('https://example.org/', { newTab: true }))
    expect(html).toContain('target="_blank"')
    expect(html).toContain('<span class="visually-hidden"> (externer Link, öffnet in neuem Fenster)</span>')
  })

  it('says in English that a link opens in a new window', () => {
    const html = renderInParagraph(customLink('/aktuelles/', { newTab: true }), { locale: 'en' })
    expect(html).toContain('<span class="visually-hidden"> (opens in a new window)</span>')
  })

  it('does not mark site paths, fragments, mailto and tel links as external', () => {
    for (const url of ['/aktuelles/kabinett/', '#kontakt', 'mailto:info@example.org', 'tel:+49371123456']) {
      const html = renderInParagraph(customLink(url))
      expect(html).toBe(`<p><a href="${url}">Mehr erfahren</a></p>`)
    }
  })

  it('renders autolinks like links', () => {
    const node = {
      type: 'autolink',
      fields: { linkType: 'custom', url: 'https://example.org/' },
      children: [text('example.org')],
    }
    expect(renderInParagraph(node)).toContain('<a href="https://example.org/" class="external"')
  })

  it('resolves internal links through ctx.internalHref', () => {
    const internalHref = vi.fn(() => '/aktuelles/kabinett-gibt-startschuss/')
    const node = link({ linkType: 'internal', doc: { relationTo: 'press-releases', value: 1 } })
    expect(renderInParagraph(node, { internalHref })).toBe(
      '<p><a href="/aktuelles/kabinett-gibt-startschuss/">Mehr erfahren</a></p>',
    )
    expect(internalHref).toHaveBeenCalledWith('press-releases', 1)
  })

  it('keeps only the text of an internal link whose target is not public', () => {
    const node = link({ linkType: 'internal', doc: { relationTo: 'partners', value: 7 } })
    expect(renderInParagraph(node, { internalHref: () => null })).toBe('<p>Mehr erfahren</p>')
  })
})

describe('renderRichText: quote block', () => {
  it('renders text, person and office as a figure', () => {
    const block = quoteBlock({ text: 'Wir packen es an.', person: 'Erika Muster', office: 'Staatsministerin' })
    expect(render(doc(block))).toBe(
      '<figure class="quote"><blockquote><p>Wir packen es an.</p></blockquote>' +
        '<figcaption>Erika Muster, Staatsministerin</figcaption></figure>',
    )
  })

  it('leaves out the office when it is empty', () => {
    expect(render(doc(quoteBlock({ text: 'Ja.', person: 'Erika Muster', office: '' })))).toContain(
      '<figcaption>Erika Muster</figcaption>',
    )
  })

  it('turns newlines in the quote text into line breaks', () => {
    expect(render(doc(quoteBlock({ text: 'Zeile 1\nZeile 2', person: 'E. M.' })))).toContain(
      '<p>Zeile 1<br>Zeile 2</p>',
    )
  })
})

describe('renderRichText: hostile input', () => {
  it('escapes a script tag in text', () => {
    expect(renderInParagraph(text('<script>alert(1)</script>'))).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')
  })

  it('escapes quotes and ampersands in text', () => {
    expect(renderInParagraph(text(`"Tom" & 'Jerry'`))).toBe('<p>&quot;Tom&quot; &amp; &#39;Jerry&#39;</p>')
  })

  it.each([
    ['javascript:alert(1)'],
    [' JaVaScRiPt:alert(1)'],
    ['java\tscript:alert(1)'],
    ['\u0001javascript:alert(1)'],
    ['javascript&#58;alert(1)'],
    ['&#106;avascript:alert(1)'],
    ['data:text/html,<script>'],
    ['vbscript:x'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['ftp://example.org/'],
    ['relative/path'],
  ])('renders no link for %j', (url) => {
    expect(renderInParagraph(customLink(url))).toBe('<p>Mehr erfahren</p>')
  })

  it('drops an unsafe target even when it comes from ctx.internalHref', () => {
    const node = link({ linkType: 'internal', doc: { relationTo: 'pages', value: 1 } })
    expect(renderInParagraph(node, { internalHref: () => 'javascript:alert(1)' })).toBe('<p>Mehr erfahren</p>')
  })

  it.each([
    ['https://example.org/" onmouseover="alert(1)', 'https://example.org/%22%20onmouseover=%22alert(1)'],
    ['#x" onmouseover="alert(1)', '#x&quot; onmouseover=&quot;alert(1)'],
  ])('keeps a quote in %j inside the href', (url, href) => {
    expect(renderInParagraph(customLink(url))).toMatch(new RegExp(`^<p><a href="${escapeRegExp(href)}"[ >]`))
  })

  it('escapes markup in the person of a quote block', () => {
    const html = render(doc(quoteBlock({ text: 'Hallo', person: '<img src=x onerror=alert(1)>' })))
    expect(html).toContain('<figcaption>&lt;img src=x onerror=alert(1)&gt;</figcaption>')
  })

  it('never emits script tags or event attributes for a page full of payloads', () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(1)>" onmouseover="alert(1)'
    const state = doc(
      paragraph(text(payload, 1), customLink(`https://example.org/${payload}`), customLink(`#${payload}`)),
      heading('h2', { ...text(payload), style: 'background:url(javascript:alert(1))' }),
      { type: 'quote', children: [text(payload)] },
      list('bullet', item(text(payload), customLink('javascript:alert(1)', { newTab: true }))),
      quoteBlock({ text: payload, person: payload, office: payload }),
    )
    const html = render(state)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    // Quotes inside values are escaped, so "…" is exactly one attribute value. With the
    // values blanked, every '<' starts one of our own tags and the attribute names show.
    const tags = html.replace(/"[^"]*"/g, '""')
    expect(tags).not.toMatch(/<[^>]*\s(on\w+|style|id)\s*=/i)
    const attributeNames = new Set([...tags.matchAll(/\s([\w-]+)=""/g)].map(([, name]) => name))
    expect([...attributeNames].sort()).toEqual(['class', 'href', 'rel'])
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
      expect(href).toMatch(/^(https:\/\/example\.org\/|#)/)
    }
  })
})

describe('renderRichText: errors', () => {
  it('names the document, the unknown type and its path', () => {
    const state = doc(paragraph(text('a')), paragraph(text('b')), paragraph({ type: 'emoji', text: '🙂' }))
    const error = errorFrom(() => render(state))
    expect(error).toBeInstanceOf(RichTextError)
    expect(error.message).toContain('press-releases "kabinett-gibt-startschuss" (id 1), field body')
    expect(error.message).toContain('emoji')
    expect(error.message).toContain('root > 2 > 0')
  })

  it('rejects an unknown block type', () => {
    const error = errorFrom(() => render(doc({ type: 'block', fields: { blockType: 'video' } })))
    expect(error).toBeInstanceOf(RichTextError)
    expect(error.message).toContain('video')
  })

  it('rejects a block node inside inline content', () => {
    expect(() => render(doc(paragraph(paragraph(text('x')))))).toThrow(/not allowed here at root > 0 > 0/)
  })
})
