import { describe, expect, it } from 'vitest'
import { findUnrenderable, renderRichText } from '../src/rich-text.ts'

type Node = Record<string, unknown>
const doc = (...children: Node[]) => ({ root: { type: 'root', children } })
const text = (value: string): Node => ({ type: 'text', text: value })
const paragraph = (...children: Node[]): Node => ({ type: 'paragraph', children })
const list = (...children: Node[]): Node => ({ type: 'list', listType: 'bullet', children })
const item = (...children: Node[]): Node => ({ type: 'listitem', children })
const link = (url: string): Node => ({ type: 'link', fields: { linkType: 'custom', url }, children: [text('hier')] })

describe('findUnrenderable', () => {
  it('finds nothing in text the renderer draws', () => {
    const state = doc(
      { type: 'heading', tag: 'h2', children: [text('Titel')] },
      paragraph(text('a'), { type: 'linebreak' }, link('https://www.sachsen.de/'), link('/zeitplan/')),
      list(item(text('eins')), item(list(item(text('zwei'))))),
      { type: 'quote', children: [text('Zitat')] },
      { type: 'horizontalrule' },
      { type: 'block', fields: { blockType: 'quote', text: 'Ja.', person: 'E. M.' } },
    )
    expect(findUnrenderable(state)).toBeNull()
    expect(findUnrenderable(null)).toBeNull()
  })

  it.each([
    [
      doc({ type: 'upload', relationTo: 'media', value: 1 }),
      { kind: 'unknown-node', node: 'upload', path: 'root > 0' },
    ],
    [
      doc(paragraph(text('a'), { type: 'mention', text: '@x' })),
      { kind: 'unknown-node', node: 'mention', path: 'root > 0 > 1' },
    ],
    [
      doc(list(item(paragraph(text('x'))))),
      { kind: 'misplaced-node', node: 'paragraph in listitem', path: 'root > 0 > 0 > 0' },
    ],
    [doc(text('lose')), { kind: 'misplaced-node', node: 'text in root', path: 'root > 0' }],
    [
      doc({ type: 'heading', tag: 'h7', children: [] }),
      { kind: 'unsupported-value', node: 'heading "h7"', path: 'root > 0' },
    ],
    [
      doc({ type: 'block', fields: { blockType: 'video' } }),
      { kind: 'unknown-node', node: 'block "video"', path: 'root > 0' },
    ],
    [
      doc(paragraph(link('javascript:alert(1)'))),
      { kind: 'unsafe-link', node: 'javascript:alert(1)', path: 'root > 0 > 0' },
    ],
    [{ root: { type: 'paragraph' } }, { kind: 'malformed', node: 'root', path: 'root' }],
  ])('names what the renderer refuses in %j', (state, problem) => {
    expect(findUnrenderable(state)).toEqual(problem)
  })

  it('is stricter than the build only about links, which the build would silently unlink', () => {
    const unsafeLink = doc(paragraph(link('javascript:alert(1)')))
    expect(renderRichText(unsafeLink, { document: 'd', locale: 'de', internalHref: () => null })).toBe('<p>hier</p>')
    const upload = doc({ type: 'upload' })
    expect(() => renderRichText(upload, { document: 'd', locale: 'de', internalHref: () => null })).toThrow('upload')
  })
})
