import { germanDate } from '@masterplan/shared'
import type { Payload } from 'payload'
import { readEnv } from '../lib/env.ts'
import { liveState } from '../publishing/liveState.ts'

type Props = { payload: Payload; id?: number | string; collectionSlug?: string; i18n?: { language?: string } }

const time = (iso: string) =>
  `${germanDate(iso)} ${new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))}`

/** Server component in the edit view's sidebar: is this document's published state on the site? */
export async function LiveStatus({ payload, id, collectionSlug }: Props) {
  if (!id || !collectionSlug) return null
  const state = await liveState(payload, collectionSlug, Number(id), readEnv().SITE_BUILD_TARGET)
  const text = {
    'no-target': 'Kein Website-Build eingerichtet.',
    unpublished:
      state.state === 'unpublished' && state.scheduledFor
        ? `Wird veröffentlicht um ${time(state.scheduledFor)}.`
        : 'Nicht veröffentlicht.',
    embargoed: state.state === 'embargoed' ? `Sperrfrist: wird veröffentlicht um ${time(state.until)}.` : '',
    pending: 'Website wird gerade neu gebaut …',
    live: state.state === 'live' ? `Live seit ${time(state.since)}.` : '',
    failed: state.state === 'failed' ? `Build fehlgeschlagen (${time(state.at)}): ${state.error}` : '',
  }[state.state]
  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }}>
      <strong>Öffentliche Website</strong>
      <p role="status" data-live-state={state.state} style={{ margin: '0.25rem 0 0' }}>
        {text}
      </p>
    </div>
  )
}
