'use client'
import { useConfig, useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { type ChangeEvent, useRef, useState } from 'react'
import { adminLanguage, speaker } from '../i18n/language.ts'

type Answer = { id?: number; notices?: { kind: string; message: string }[]; errors?: { message: string }[] }

/**
 * "Aus Word importieren": uploads a .docx and opens the draft made from it. Shown above the list of
 * press releases and beside an open one; the import never publishes anything.
 */
export function ImportDocxButton() {
  const { config } = useConfig()
  const { i18n } = useTranslation()
  const language = adminLanguage(i18n)
  const say = speaker(language)
  const router = useRouter()
  const input = useRef<HTMLInputElement>(null)
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (!file) return
    setBusy(true)
    setMessage(say(`„${file.name}“ wird importiert …`, `Importing "${file.name}" …`))
    const form = new FormData()
    form.append('file', file)
    const response = await fetch(`${config.serverURL}${config.routes.api}/press-releases/import-docx`, {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json' },
      body: form,
    }).catch(() => null)
    const answer = ((await response?.json().catch(() => ({}))) ?? {}) as Answer
    setBusy(false)
    if (response?.status !== 201 || !answer.id) {
      setMessage(
        answer.errors?.[0]?.message ??
          say(
            `Import fehlgeschlagen (${response?.status ?? 'keine Verbindung'})`,
            `Import failed (${response?.status ?? 'no connection'})`,
          ),
      )
      return
    }
    const count = answer.notices?.length ?? 0
    // A file imported before is what the press office must notice first: it names the other draft.
    // Notices come as "Deutsch / English"; the account reads its half.
    const duplicate = answer.notices?.find((notice) => notice.kind === 'duplicate')?.message.split(' / ')[
      language === 'en' ? 1 : 0
    ]
    setMessage(
      [
        duplicate,
        count
          ? say(
              `Entwurf angelegt, ${count} Hinweise – siehe „Hinweise aus dem Word-Import“.`,
              `Draft created, ${count} notes – see "Notes from the Word import".`,
            )
          : say('Entwurf angelegt.', 'Draft created.'),
      ]
        .filter(Boolean)
        .join(' '),
    )
    router.push(`${config.routes.admin}/collections/press-releases/${answer.id}`)
  }

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem', flexWrap: 'wrap' }}>
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        style={{ margin: 0 }}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {say('Aus Word importieren', 'Import from Word')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={upload}
      />
      <p role="status" style={{ margin: 0 }}>
        {message}
      </p>
    </div>
  )
}
