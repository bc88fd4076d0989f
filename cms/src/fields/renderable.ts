import { type FieldHook, ValidationError } from 'payload'
import { LINK_TARGET_HINT } from '@masterplan/shared'
import { findUnrenderable, type RichTextProblem } from '@masterplan/shared/rich-text'

function message(problem: RichTextProblem, field: string): string {
  switch (problem.kind) {
    case 'misplaced-node':
      return `Der Text enthält ein Element an einer Stelle, an der die Website es nicht darstellen kann: ${problem.node} (in ${field}) / the text contains a node where the site cannot render it: ${problem.node}`
    case 'unsafe-link':
      return `Der Text enthält ein Linkziel, das die Website nicht verlinkt: „${problem.node}“ (in ${field}); ${LINK_TARGET_HINT.de} / the text contains a link target the site does not link: "${problem.node}"; ${LINK_TARGET_HINT.en}`
    default:
      return `Der Text enthält ein Element, das die Website nicht darstellen kann: ${problem.node} (in ${field}) / the text contains a node the site cannot render: ${problem.node}`
  }
}

/**
 * Refuses rich text the site's renderer would refuse, which would otherwise stop every site build
 * until someone repairs the document. A hook rather than `validate`, because Payload skips
 * validation for drafts, and drafts are rendered too (live preview, scheduled publishing).
 */
export const refuseUnrenderable: FieldHook = ({ value, path, collection, global, req }) => {
  const problem = findUnrenderable(value)
  if (problem === null) return value
  const field = path.join('.')
  throw new ValidationError(
    {
      collection: collection?.slug,
      global: global?.slug,
      errors: [{ path: field, message: message(problem, field) }],
      req,
    },
    req.t,
  )
}
