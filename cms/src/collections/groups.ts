import { label } from '../lib/label.ts'

/** The admin's navigation groups; collections name the one they belong to. */
export const adminGroups = {
  content: label('Inhalte', 'Content'),
  publishing: label('Veröffentlichung', 'Publishing'),
  operations: label('Betrieb', 'Operations'),
  administration: label('Verwaltung', 'Administration'),
}

export type AdminGroup = keyof typeof adminGroups
