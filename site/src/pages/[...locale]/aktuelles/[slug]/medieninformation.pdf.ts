import { readFile } from 'node:fs/promises'
import type { APIRoute } from 'astro'
import { pdfFile, releasePagesWithPdfs } from '../../../../lib/pdf.ts'

/** The printed PDF of each release page that has one (lib/pdf.ts), served from the site's own origin. */
export const getStaticPaths = async () =>
  (await releasePagesWithPdfs()).flatMap(({ params, props, cacheKey }) =>
    props.pdf ? [{ params, props: { key: props.pdf.key }, cacheKey }] : [],
  )

export const GET: APIRoute = async ({ props }) => new Response(await readFile(pdfFile((props as { key: string }).key)))
