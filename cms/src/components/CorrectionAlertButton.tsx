'use client'
import { useTranslation } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { adminLanguage, speaker } from '../i18n/language.ts'

/** Sends a "Korrektur" alert for a release on purpose; asks first, as it mails every subscriber. */
export function CorrectionAlertButton({ id }: { id: number }) {
  const { i18n } = useTranslation()
  const say = speaker(adminLanguage(i18n))
  const router = useRouter()
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (
      !window.confirm(
        say(
          'Korrektur an alle Abonnenten der Medieninformationen senden?',
          'Send a correction to every subscriber of the press releases?',
        ),
      )
    )
      return
    setBusy(true)
    const response = await fetch(`/api/press-releases/${id}/correction-alert`, {
      method: 'POST',
      credentials: 'include',
      headers: { Accept: 'application/json' },
    })
    const body = (await response.json().catch(() => ({}))) as { status?: string; errors?: { message: string }[] }
    setMessage(
      response.ok
        ? body.status === 'queued'
          ? say('Korrektur wird versendet.', 'The correction is being sent.')
          : say(
              'Korrektur wird versendet, sobald die Seite live ist.',
              'The correction will be sent as soon as the page is live.',
            )
        : (body.errors?.[0]?.message ?? `${say('Fehler', 'Error')} ${response.status}`),
    )
    setBusy(false)
    router.refresh()
  }
  return (
    <div style={{ marginTop: '0.5rem' }}>
      <button type="button" className="btn btn--style-secondary btn--size-small" onClick={send} disabled={busy}>
        {say('Korrektur-Benachrichtigung senden', 'Send correction alert')}
      </button>
      <p role="status" style={{ margin: '0.25rem 0 0' }}>
        {message}
      </p>
    </div>
  )
}
