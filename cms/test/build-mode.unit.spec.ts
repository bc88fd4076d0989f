import { BUILD_MODES } from '@masterplan/shared'
import { describe, expect, it } from 'vitest'
import { joinedMode } from '../src/siteBuild/queue.ts'

describe('the kind of a build that changes join', () => {
  it('is a full build when either is one, PDFs only when both are, otherwise changed pages', () => {
    const table = Object.fromEntries(
      BUILD_MODES.map((a) => [a, Object.fromEntries(BUILD_MODES.map((b) => [b, joinedMode(a, b)]))]),
    )
    expect(table).toEqual({
      incremental: { incremental: 'incremental', full: 'full', pdfs: 'incremental' },
      full: { incremental: 'full', full: 'full', pdfs: 'full' },
      pdfs: { incremental: 'incremental', full: 'full', pdfs: 'pdfs' },
    })
  })
})
