'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

/** Sends a "Korrektur" alert for a release on purpose; asks first, as it mails every subscriber. */
export function CorrectionAlertButton({ id }: { id: number }) {
  const router = useRouter()
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (!window.confirm('Korrektur an alle Abonnenten der Medieninformationen senden?')) return
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
          ? 'Korrektur wird versendet.'
          : 'Korrektur wird versendet, sobald die Seite live ist.'
        : (body.errors?.[0]?.message ?? `Fehler ${response.status}`),
    )
    setBusy(false)
    router.refresh()
  }
  return (
    <div style={{ marginTop: '0.5rem' }}>
      <button type="button" className="btn btn--style-secondary btn--size-small" onClick={send} disabled={busy}>
        Korrektur-Benachrichtigung senden
      </button>
      <p role="status" style={{ margin: '0.25rem 0 0' }}>
        {message}
      </p>
    </div>
  )
}
