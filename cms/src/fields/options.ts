import type { OptionObject } from 'payload'
import type { label } from '../lib/label.ts'

export type Label = ReturnType<typeof label>

/** Select options in the order of `values`, which the shared vocabulary fixes; the labels only name them. */
export const labelledOptions = <V extends string>(values: readonly V[], labels: Record<V, Label>): OptionObject[] =>
  values.map((value) => ({ value, label: labels[value] }))
