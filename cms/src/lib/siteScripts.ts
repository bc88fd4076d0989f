import { createRequire } from 'node:module'
import path from 'node:path'
import { cmsDir } from './paths.ts'

// Resolved at run time from the CMS's own package.json, as Node finds any dependency: the site's
// package names these entry points in its "exports", so neither package knows the other's layout.
const resolveFromCms = createRequire(path.join(cmsDir, 'package.json')).resolve

/** The file of one of the site's command-line entry points, for `node <file> …`. */
export const siteScript = (name: 'publish' | 'serve'): string => resolveFromCms(`@masterplan/site/${name}`)
