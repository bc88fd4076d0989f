/**
 * What an imported picture carries until the press office describes it. The media collection
 * requires alt text and a credit in the database, so the picture cannot be stored without them;
 * these visible stand-ins let the draft be saved while publishing refuses them
 * (refusePlaceholderMedia).
 */
export const ALT_PLACEHOLDER = '⚠ Alternativtext fehlt (Word-Import) – bitte beschreiben'
export const CREDIT_PLACEHOLDER = '⚠ Bildnachweis fehlt (Word-Import) – bitte angeben'

export const isPlaceholder = (value: unknown) => value === ALT_PLACEHOLDER || value === CREDIT_PLACEHOLDER
