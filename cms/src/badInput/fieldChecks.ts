import type { Field, FieldHook } from 'payload'
import { storableDate } from './dates.ts'
import { lexicalShape } from './richText.ts'

type WithHooks = { hooks?: { beforeValidate?: FieldHook[] } }
const first = <F extends WithHooks>(field: F, hook: FieldHook): F => ({
  ...field,
  hooks: { ...field.hooks, beforeValidate: [hook, ...(field.hooks?.beforeValidate ?? [])] },
})

/**
 * `fields` with the checks of values Payload would otherwise pass on to a crash: every date and every
 * rich-text field, however deeply nested. They are hooks rather than validation because Payload
 * skips validation for drafts, and a draft must be storable too.
 */
export function withFieldChecks(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    switch (field.type) {
      case 'date':
        return first(field, storableDate)
      case 'richText':
        return first(field, lexicalShape)
      case 'array':
      case 'group':
      case 'row':
      case 'collapsible':
        return { ...field, fields: withFieldChecks(field.fields) } as Field
      case 'tabs':
        return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withFieldChecks(tab.fields) })) }
      case 'blocks':
        return {
          ...field,
          blocks: (field.blocks ?? []).map((block) => ({ ...block, fields: withFieldChecks(block.fields) })),
        }
      default:
        return field
    }
  })
}
