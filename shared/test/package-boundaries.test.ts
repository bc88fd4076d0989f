/**
 * The workspace's packages reach each other only through their entry points (`@masterplan/…`, the
 * "exports" of each package.json), never by a relative path into another package's folder, and
 * only where the importing package declares the dependency. Checked over every source file.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const repo = path.resolve(import.meta.dirname, '../..')
const PACKAGES = ['cms', 'site', 'shared', 'bench']
const SOURCE = /\.(ts|tsx|mts|mjs|js|astro|mdx)$/
const SKIP = new Set(['node_modules', '.next', '.next-test', '.astro', 'dist', 'results'])

/** Every module a file names: `from '…'`, `import '…'`, `import('…')`, `import.meta.resolve('…')`. */
function specifiersOf(source: string): string[] {
  const found = source.matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*|import\.meta\.resolve\(\s*)['"]([^'"]+)['"]/g)
  return [...found].map((m) => m[1]!)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.next') || SKIP.has(entry.name)) return []
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(full)
    return SOURCE.test(entry.name) ? [full] : []
  })
}

const declared = (pkg: string) => {
  const json = JSON.parse(readFileSync(path.join(repo, pkg, 'package.json'), 'utf8'))
  return new Set([json.name, ...Object.keys({ ...json.dependencies, ...json.devDependencies })])
}

describe('package boundaries', () => {
  it('finds import specifiers of every form', () => {
    const text = `import a from '../x.ts'\nimport '../y.css'\nconst b = await import('../z.ts')\nimport.meta.resolve('some-package/cli')\nexport { c } from './c.ts'`
    expect(specifiersOf(text)).toEqual(['../x.ts', '../y.css', '../z.ts', 'some-package/cli', './c.ts'])
  })

  for (const pkg of PACKAGES) {
    it(`${pkg}/ imports other packages by name only, and declares them`, () => {
      const root = path.join(repo, pkg)
      const deps = declared(pkg)
      const problems: string[] = []
      for (const file of sourceFiles(root)) {
        for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
          const where = path.relative(repo, file)
          if (spec.startsWith('.')) {
            const target = path.resolve(path.dirname(file), spec)
            if (path.relative(root, target).startsWith('..'))
              problems.push(`${where}: '${spec}' reaches into another package`)
          } else if (spec.startsWith('@masterplan/')) {
            const name = spec.split('/').slice(0, 2).join('/')
            if (!deps.has(name)) problems.push(`${where}: '${spec}' is not a declared dependency of ${pkg}`)
          }
        }
      }
      expect(problems).toEqual([])
    })
  }
})
