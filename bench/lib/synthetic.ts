import { runCmsScript } from '@masterplan/cms/testing'
import type { Bench } from './context.ts'

/** Adds synthetic documents to the CMS's database (scripts/generate-synthetic.ts) and lets the database settle. */
export async function addSynthetic(
  bench: Bench,
  { releases, partners, milestones }: { releases: number; partners: number; milestones: number },
): Promise<void> {
  bench.progress(`generating ${releases} synthetic press releases`)
  runCmsScript(
    'generate-synthetic',
    ['--press-releases', String(releases), '--partners', String(partners), '--milestones', String(milestones)],
    { ...process.env, ...bench.cms.env },
  )
  // The generator's inserts leave autovacuum and a checkpoint's writes to come, which may fall on the
  // first cold build (its Pagefind took 5.9 and 7.0 s in two runs, the baselines' 3.6 and 3.7 s).
  await bench.db.query('VACUUM ANALYZE')
  await bench.db.query('CHECKPOINT')
}
