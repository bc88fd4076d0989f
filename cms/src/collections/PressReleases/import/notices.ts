/**
 * What the import could not do as the Word file asked. The press office reads these on the draft,
 * so each names the text concerned and what became of it.
 */
export type NoticeKind =
  | 'unplaced'
  | 'title'
  | 'lead'
  | 'date'
  | 'issuer'
  | 'contact'
  | 'quote'
  | 'image'
  | 'link'
  | 'format'
  | 'table'
  | 'page-margins'
  | 'footer'
  | 'duplicate'

export type Notice = { kind: NoticeKind; message: string }

export const notice = (kind: NoticeKind, de: string, en: string): Notice => ({ kind, message: `${de} / ${en}` })

/** Quoted back to the reader short enough for a list of notices. */
export function excerpt(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > length ? `${flat.slice(0, length)}…` : flat
}

/** The notices as the draft keeps them: one per line. */
export const noticeText = (notices: Notice[]) => notices.map(({ message }) => `• ${message}`).join('\n')
