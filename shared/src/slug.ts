const GERMAN_TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'ae',
  Ö: 'oe',
  Ü: 'ue',
  ß: 'ss',
  ẞ: 'ss',
}

/**
 * A URL slug from a German title: umlauts transliterated the German way (not stripped to a/o/u),
 * other accents dropped, everything else collapsed to single hyphens.
 */
export function slugify(text: string): string {
  return text
    .replace(/[äöüÄÖÜßẞ]/g, (ch) => GERMAN_TRANSLITERATION[ch] ?? ch)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '')
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value)
}
