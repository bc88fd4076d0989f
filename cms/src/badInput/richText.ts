import { type FieldHook, ValidationError } from 'payload'

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Rich text must have the shape of a Lexical document: a `root` node, and `children` that are lists
 * of nodes. Lexical's own hooks walk the tree before any validation and crash (500) on anything
 * else, e.g. `children: "text"`. Runs before them: field hooks come before the editor's.
 */
export const lexicalShape: FieldHook = ({ value, path, req, collection, global }) => {
  if (value === undefined || value === null) return value
  const problem = shapeProblem(value)
  if (!problem) return value
  const message = `Kein gültiger Rich-Text: ${problem.de} / not valid rich text: ${problem.en}`
  throw new ValidationError(
    { collection: collection?.slug, global: global?.slug, errors: [{ path: path.join('.'), message }] },
    req.t,
  )
}

function shapeProblem(value: unknown): { de: string; en: string } | null {
  if (!isNode(value) || !isNode(value.root)) return { de: 'das Objekt root fehlt', en: 'the root object is missing' }
  const stack: Array<{ node: Node; at: string }> = [{ node: value.root, at: 'root' }]
  while (stack.length) {
    const { node, at } = stack.pop()!
    if (!('children' in node)) continue
    const { children } = node
    if (!Array.isArray(children))
      return { de: `${at}.children muss eine Liste von Knoten sein`, en: `${at}.children must be a list of nodes` }
    for (const [index, child] of children.entries()) {
      if (!isNode(child))
        return {
          de: `${at}.children.${index} muss ein Knoten (Objekt) sein`,
          en: `${at}.children.${index} must be a node (object)`,
        }
      stack.push({ node: child, at: `${at}.children.${index}` })
    }
  }
  return null
}
