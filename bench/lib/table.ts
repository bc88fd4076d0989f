export type Row = Array<string | number>

/** A plain text table, the way the results are printed and pasted into BENCHMARKS.md. */
export function table(title: string, head: string[], rows: Row[]): string {
  const cells = [head, ...rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)))]
  const widths = head.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? '').length)))
  const line = (r: Row) => `| ${r.map((c, i) => String(c ?? '').padEnd(widths[i]!)).join(' | ')} |`
  return [
    `\n### ${title}`,
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n')
}

const formatNumber = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1))

export const progress = (text: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}`)
