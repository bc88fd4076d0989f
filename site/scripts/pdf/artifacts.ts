import { type Operation, operations } from './content-stream.ts'

/**
 * Chromium leaves some of what it paints outside any tagged content: the underline of a link (a
 * filled rectangle after the link's text), the border of a box. PDF/UA-1 (ISO 14289-1 §7.1) wants
 * every piece of content either in the structure tree or marked as an artifact; these are
 * decoration, so they become artifacts. What is tagged stays byte for byte as it was.
 */

const SHOWS_TEXT = new Set(['Tj', 'TJ', "'", '"'])
const PAINTS_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*'])
const BUILDS_PATH = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*'])
/** Content of its own: an image or form (`Do`), a shading, an inline image. */
const PLACES_OBJECT = new Set(['Do', 'sh', 'BI'])

/**
 * Whether a marked-content sequence opened by this operator ties what it holds to the structure
 * tree (a property list with an MCID) or declares it an artifact. A named property list (from the
 * page's resources) is taken as tagged: nothing inside it is touched.
 */
function claims({ operator, operands }: Operation): boolean {
  if (operands[0] === '/Artifact') return true
  if (operator !== 'BDC') return false
  const properties = operands[1] ?? ''
  return !properties.startsWith('<<') || /\/MCID[\s\d]/.test(properties)
}

/** Byte ranges of content that is neither tagged nor an artifact, each a whole graphics object. */
function untaggedRanges(ops: Operation[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const open: boolean[] = []
  let pathFrom = -1
  for (const [index, op] of ops.entries()) {
    const { operator } = op
    const claimed = open.includes(true)
    if (operator === 'BMC' || operator === 'BDC') open.push(claims(op))
    else if (operator === 'EMC') open.pop()
    if (BUILDS_PATH.has(operator)) {
      if (pathFrom < 0) pathFrom = claimed ? Number.NaN : index
      continue
    }
    const from = pathFrom
    pathFrom = -1
    if (claimed || Number.isNaN(from)) continue
    // A path is one graphics object from its first segment to its painting: marks may not split it.
    if (PAINTS_PATH.has(operator) && from >= 0) ranges.push([(ops[from] as Operation).start, op.end])
    else if (SHOWS_TEXT.has(operator) || PLACES_OBJECT.has(operator)) ranges.push([op.start, op.end])
  }
  return ranges
}

/** The content stream with each untagged graphics object wrapped in `/Artifact BMC … EMC`. */
export function markArtifacts(bytes: Uint8Array): { bytes: Uint8Array; marked: number } {
  const ranges = untaggedRanges(operations(bytes))
  if (ranges.length === 0) return { bytes, marked: 0 }
  const parts: Uint8Array[] = []
  let at = 0
  for (const [from, to] of ranges) {
    parts.push(bytes.subarray(at, from), Buffer.from('/Artifact BMC\n', 'latin1'), bytes.subarray(from, to))
    parts.push(Buffer.from('\nEMC', 'latin1'))
    at = to
  }
  parts.push(bytes.subarray(at))
  return { bytes: Buffer.concat(parts), marked: ranges.length }
}
