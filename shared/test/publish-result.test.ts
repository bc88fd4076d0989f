import { describe, expect, it } from 'vitest'
import { publishFlags, readPublishResult } from '../src/publish-result.ts'

const good = {
  ok: true,
  folder: '/srv/site/builds/2026-12-03T10-00-00-000Z',
  pages: 812,
  full: false,
  stale: 0,
  servedAfter: 4.2,
  pdfsMissing: 1,
  seconds: 6.1,
}

describe('the result line of a site build', () => {
  it('is the last line of the output, read through the contract', () => {
    expect(readPublishResult(`[build] 812 page(s) built\n${JSON.stringify(good)}\n`)).toEqual(good)
    expect(readPublishResult(JSON.stringify({ ok: false, error: 'the new build lacks feed.xml' }))).toEqual({
      ok: false,
      error: 'the new build lacks feed.xml',
    })
  })

  it('is missing when the build died before printing it', () => {
    expect(readPublishResult('Error: astro failed (exit 1)\n')).toBeNull()
    expect(readPublishResult('')).toBeNull()
  })

  it('breaks the contract when a field is missing or of another type, and says which', () => {
    const { pdfsMissing: _, ...withoutCount } = good
    const missing = readPublishResult(JSON.stringify(withoutCount))
    expect(missing).toHaveProperty('problem')
    expect((missing as { problem: string }).problem).toContain('pdfsMissing')
    const wrongType = readPublishResult(JSON.stringify({ ...good, pages: '812' }))
    expect((wrongType as { problem: string }).problem).toContain('pages')
  })
})

describe('the publish flags of a build mode', () => {
  it('are none for changed pages, --full for a full build and --pdfs for a PDF run', () => {
    expect(publishFlags('incremental')).toEqual([])
    expect(publishFlags('full')).toEqual(['--full'])
    expect(publishFlags('pdfs')).toEqual(['--pdfs'])
  })
})
