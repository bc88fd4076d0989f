/**
 * The operators of a page's content stream with their place in the bytes, so that marks can be put
 * around some of them while every other byte stays as Chromium wrote it. Reads the syntax of
 * ISO 32000-1 §7.2 and §8.9.7 (inline images), nothing of what the operators mean.
 */

/** One operator with its operands: the bytes from `start` to `end`; `operands` as written. */
export type Operation = { operator: string; operands: string[]; start: number; end: number }

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])
const isRegular = (byte: number) => !WHITESPACE.has(byte) && !DELIMITERS.has(byte)
const BACKSLASH = 0x5c

/** Where a literal string that opens at `at` ends: parentheses nest, a backslash escapes the next byte. */
function endOfLiteral(bytes: Uint8Array, at: number): number {
  let depth = 0
  for (let i = at; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH) i++
    else if (bytes[i] === 0x28) depth++
    else if (bytes[i] === 0x29 && --depth === 0) return i + 1
  }
  throw new Error(`content stream: string opened at byte ${at} is not closed`)
}

/** Inline image data (after `ID` and one white-space byte) runs to the first `EI` standing alone. */
function endOfInlineImage(bytes: Uint8Array, at: number): number {
  for (let i = at + 1; i + 1 < bytes.length; i++)
    if (
      bytes[i] === 0x45 &&
      bytes[i + 1] === 0x49 &&
      WHITESPACE.has(bytes[i - 1] ?? 0) &&
      (i + 2 === bytes.length || !isRegular(bytes[i + 2] ?? 0))
    )
      return i + 2
  throw new Error(`content stream: inline image at byte ${at} has no EI`)
}

/** Splits a decoded content stream into its operations, in order; one pass over the bytes. */
export function operations(bytes: Uint8Array): Operation[] {
  const result: Operation[] = []
  const text = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1')
  let operands: string[] = []
  let start = -1
  // Arrays and dictionaries are operands: their inner tokens are kept as one operand.
  let nesting = 0
  let nestedFrom = 0
  const operand = (from: number, to: number) => {
    if (start < 0) start = from
    if (nesting === 0) operands.push(text(from, to))
  }
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i] as number
    if (WHITESPACE.has(byte)) {
      i++
    } else if (byte === 0x25) {
      while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++
    } else if (byte === 0x28) {
      const end = endOfLiteral(bytes, i)
      operand(i, end)
      i = end
    } else if (byte === 0x3c && bytes[i + 1] === 0x3c) {
      if (start < 0) start = i
      if (nesting++ === 0) nestedFrom = i
      i += 2
    } else if (byte === 0x3e && bytes[i + 1] === 0x3e) {
      i += 2
      if (--nesting === 0) operands.push(text(nestedFrom, i))
    } else if (byte === 0x3c) {
      const end = bytes.indexOf(0x3e, i) + 1
      if (end === 0) throw new Error(`content stream: hex string at byte ${i} is not closed`)
      operand(i, end)
      i = end
    } else if (byte === 0x5b) {
      if (start < 0) start = i
      if (nesting++ === 0) nestedFrom = i
      i++
    } else if (byte === 0x5d) {
      i++
      if (--nesting === 0) operands.push(text(nestedFrom, i))
    } else if (byte === 0x2f) {
      let end = i + 1
      while (end < bytes.length && isRegular(bytes[end] as number)) end++
      operand(i, end)
      i = end
    } else {
      let end = i
      while (end < bytes.length && isRegular(bytes[end] as number)) end++
      if (end === i) throw new Error(`content stream: unexpected byte ${byte} at ${i}`)
      const word = text(i, end)
      if (nesting > 0 || /^[+\-.\d]/.test(word) || word === 'true' || word === 'false' || word === 'null') {
        operand(i, end)
      } else if (word === 'BI') {
        // An inline image is one operation, BI … ID <binary data> EI: its dictionary is read as operands.
        if (start < 0) start = i
      } else {
        if (start < 0) start = i
        if (word === 'ID') end = endOfInlineImage(bytes, end)
        result.push({ operator: word === 'ID' ? 'BI' : word, operands, start, end })
        operands = []
        start = -1
      }
      i = end
    }
  }
  return result
}
