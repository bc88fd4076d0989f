import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { isWebUrl, safeHref } from '../src/links.ts'
import { partner } from '../src/schemas/partner.ts'

describe('safeHref', () => {
  it.each([
    ['https://www.sachsen.de/', 'https://www.sachsen.de/', true],
    ['HTTP://Example.org', 'http://example.org/', true],
    ['mailto:presse@sachsen.example', 'mailto:presse@sachsen.example', false],
    ['tel:+493515640', 'tel:+493515640', false],
    ['/zeitplan/', '/zeitplan/', false],
    ['  /partner/?kind=city#liste ', '/partner/?kind=city#liste', false],
    ['#inhalt', '#inhalt', false],
  ])('keeps %j as %j', (raw, href, external) => {
    expect(safeHref(raw)).toEqual({ href, external })
  })

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'javascript&#58;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:x',
    'ftp://files.example/',
    '//evil.example/',
    '/\\evil.example',
    'www.ohne-protokoll.example',
    'relative/path',
    '/zeit\nplan/',
    '',
    null,
    42,
  ])('refuses %j', (raw) => {
    expect(safeHref(raw)).toBeNull()
  })
})

describe('isWebUrl', () => {
  const contract = partner.shape.website.unwrap().unwrap() as z.ZodType

  // Whatever the CMS accepts as a website, the site's API contract must accept too.
  it.each(['https://www.sachsen.de/', 'http://hochschule.example/pfad?x=1'])('accepts %j', (url) => {
    expect(isWebUrl(url)).toBe(true)
    expect(contract.safeParse(url).success).toBe(true)
  })

  it.each([
    'mailto:presse@sachsen.example',
    'tel:+49351',
    '/partner/',
    'https:example.org',
    'https:/example.org',
    'javascript:alert(1)',
    'www.example.org',
  ])('refuses %j', (url) => {
    expect(isWebUrl(url)).toBe(false)
  })
})
