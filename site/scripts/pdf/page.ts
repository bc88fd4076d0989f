import type { Page } from 'playwright-core'
import type { PageLink } from './links.ts'

/** What the printed page says about itself: the PDF's title, language and its links' texts. */
export type PageFacts = { title: string; lang: string; links: PageLink[] }

/**
 * Runs in the page. Text that CSS generates (the print style writes a link's address after it)
 * reaches the PDF untagged, invisible to a reading of the tags: it becomes real text in its place,
 * and the generated copy is switched off. Only plain strings are moved; counters and quotes stay.
 */
function inPage(): PageFacts {
  const cssUnescape = (css: string) =>
    css.replace(/\\([0-9a-fA-F]{1,6}) ?|\\(.)/gs, (_, hex: string | undefined, char: string | undefined) =>
      hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (char ?? ''),
    )
  const plain = /^"((?:[^"\\]|\\.)*)"$/s
  let n = 0
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    for (const pseudo of ['::before', '::after'] as const) {
      const generated = getComputedStyle(element, pseudo)
      const content = plain.exec(generated.content)?.[1]
      if (!content) continue
      const text = document.createElement('span')
      text.textContent = cssUnescape(content)
      // Looks as the generated text did (the print style sets its size).
      for (const property of ['font', 'color', 'letter-spacing', 'vertical-align', 'text-transform'])
        text.style.setProperty(property, generated.getPropertyValue(property))
      const mark = `pdf-text-${n++}`
      element.setAttribute(`data-${mark}`, '')
      const style = document.createElement('style')
      style.textContent = `[data-${mark}]${pseudo} { content: none !important; }`
      document.head.append(style)
      if (pseudo === '::before') element.prepend(text)
      else element.append(text)
    }
  }
  const links: PageLink[] = []
  for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    const image = link.querySelector('img')
    const text = (link.getAttribute('aria-label') || link.textContent || image?.alt || link.title).replace(/\s+/g, ' ')
    links.push({ href: link.href, text: text.trim() })
    // Chromium links a fragment on the same page to a named destination instead of an address.
    if (link.hash && link.href.split('#')[0] === location.href.split('#')[0])
      links.push({ href: link.hash, text: text.trim() })
  }
  return { title: document.title, lang: document.documentElement.lang, links }
}

/** Prepares the loaded page for printing (styles as printed) and reads what the PDF needs from it. */
export async function preparePage(page: Page): Promise<PageFacts> {
  await page.emulateMedia({ media: 'print' })
  return page.evaluate(inPage)
}
