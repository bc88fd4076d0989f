import type { APIRoute } from 'astro'
import svg from '../../public/favicon.svg?raw'
import { icoFromSvg } from '../lib/ico.ts'

/**
 * /favicon.ico, drawn at build time from the site's icon (public/favicon.svg). Pages name the SVG; the
 * ICO is for what asks the conventional address without reading a page: feed readers, bookmarking and
 * link-preview tools, older browsers. Without it they get a 404.
 */
export const GET: APIRoute = async () =>
  new Response(await icoFromSvg(svg), { headers: { 'Content-Type': 'image/x-icon' } })
