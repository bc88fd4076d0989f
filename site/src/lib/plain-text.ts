/** Lexical nodes that end a line of their own in plain text. */
const BLOCKS = new Set(['paragraph', 'heading', 'listitem', 'quote', 'list', 'table', 'tablerow'])

type Node = { type?: unknown; text?: unknown; children?: unknown }

/**
 * The words of a rich-text field (Lexical editor state) as plain text, blocks on lines of their own,
 * for formats that carry no markup (the calendar's DESCRIPTION). One pass over the nodes, with an
 * explicit stack: a deeply nested document cannot overflow the call stack.
 */
export function plainText(state: unknown, maxLength = 4000): string {
  const root = (state as { root?: Node } | null | undefined)?.root
  if (!root || !Array.isArray(root.children)) return ''
  let out = ''
  const stack: Array<Node | 'break'> = [...(root.children as Node[])].reverse()
  while (stack.length && out.length < maxLength) {
    const node = stack.pop()!
    if (node === 'break') {
      if (out && !out.endsWith('\n')) out += '\n'
      continue
    }
    if (node.type === 'linebreak') out += '\n'
    else if (node.type === 'tab') out += '\t'
    else if (typeof node.text === 'string') out += node.text
    if (BLOCKS.has(String(node.type))) stack.push('break')
    if (Array.isArray(node.children))
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Node)
  }
  return out.slice(0, maxLength).trim()
}
