import type { DateField, Field, Plugin } from 'payload'

/**
 * How the admin writes and reads dates and times, everywhere: German order, 24 hours, Europe/Berlin
 * (the admin shows moments in the browser's time zone, which is Berlin's for the press office; the
 * schedule dialog is preset to it). Typed input is parsed in the same format, so `03.12.2026`
 * is the 3rd of December, never the 12th of March.
 */
export const ADMIN_DAY = 'dd.MM.yyyy'
export const ADMIN_TIME = 'HH:mm'
export const ADMIN_MOMENT = `${ADMIN_DAY} ${ADMIN_TIME}`
/** The moments the system records (builds, mails, backups), which follow each other within seconds. */
export const ADMIN_MOMENT_SECONDS = `${ADMIN_MOMENT}:ss`
export const ADMIN_TIMEZONE = 'Europe/Berlin'
/** Steps of the time list; any minute can still be typed. */
const TIME_STEP_MINUTES = 15

type DateAdmin = NonNullable<NonNullable<DateField['admin']>['date']>

/** A date field's picker and format, filled in from the definitions above where the field sets none. */
function withAdminFormat(field: DateField): DateField {
  const date: DateAdmin = { ...field.admin?.date }
  const appearance = date.pickerAppearance && date.pickerAppearance !== 'default' ? date.pickerAppearance : 'dayOnly'
  const withTime = appearance === 'dayAndTime' || appearance === 'timeOnly'
  const format = { dayOnly: ADMIN_DAY, dayAndTime: ADMIN_MOMENT, timeOnly: ADMIN_TIME, monthOnly: 'MM.yyyy' }[
    appearance
  ]
  return {
    ...field,
    admin: {
      ...field.admin,
      date: {
        ...date,
        pickerAppearance: appearance,
        displayFormat: date.displayFormat ?? format,
        ...(withTime
          ? {
              timeFormat: ADMIN_TIME,
              timeIntervals: (date as { timeIntervals?: number }).timeIntervals ?? TIME_STEP_MINUTES,
            }
          : {}),
      } as DateAdmin,
    },
  }
}

/** Every field, nested ones included (groups, arrays, rows, collapsibles, tabs, blocks). */
function mapFields(fields: Field[]): Field[] {
  return fields.map((field) => {
    if (field.type === 'date') return withAdminFormat(field)
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: mapFields(field.fields) } as Field
    if (field.type === 'tabs')
      return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: mapFields(tab.fields) })) }
    if (field.type === 'blocks') {
      return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: mapFields(block.fields) })) }
    }
    return field
  })
}

/** Gives every date field of every collection and global the admin's format (see above). */
export const adminDateFormats: Plugin = (config) => ({
  ...config,
  admin: {
    ...config.admin,
    dateFormat: ADMIN_MOMENT,
    timezones: {
      supportedTimezones: [{ label: 'Berlin (MEZ/MESZ)', value: ADMIN_TIMEZONE }],
      defaultTimezone: ADMIN_TIMEZONE,
    },
  },
  collections: config.collections?.map((collection) => ({ ...collection, fields: mapFields(collection.fields) })),
  globals: config.globals?.map((global) => ({ ...global, fields: mapFields(global.fields) })),
})
