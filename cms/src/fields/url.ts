import type { TextFieldSingleValidation } from 'payload'
import { isWebUrl, LINK_TARGET_HINT, safeHref } from '@masterplan/shared'
import { text } from 'payload/shared'

/** A link target the site will emit as it is: the same rule as links in rich text. */
export const validateLinkTarget: TextFieldSingleValidation = (value, options) => {
  if (!value) return text(value, options)
  return (
    safeHref(value) !== null ||
    `Kein erlaubtes Linkziel: „${value}“; ${LINK_TARGET_HINT.de} / not an allowed link target: "${value}"; ${LINK_TARGET_HINT.en}`
  )
}

/** An outside website, linked from the site as it is (the API contract wants http or https). */
export const validateWebAddress: TextFieldSingleValidation = (value, options) => {
  if (!value) return text(value, options)
  return isWebUrl(value) || 'Nur Adressen mit http:// oder https:// / only http:// or https:// addresses'
}
