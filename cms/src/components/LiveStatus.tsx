import type { Payload } from 'payload'
import { adminLanguage, dateTimeFormat, speaker } from '../i18n/language.ts'
import { readEnv } from '../lib/env.ts'
import { liveState } from '../publishing/liveState.ts'
import { NewDocumentTitle } from './NewDocumentTitle.tsx'

type Props = { payload: Payload; id?: number | string; collectionSlug?: string; i18n?: { language?: string } }

/** Server component in the edit view's sidebar: is this document's published state on the site? */
export async function LiveStatus({ payload, id, collectionSlug, i18n }: Props) {
  if (!id || !collectionSlug) return null
  const language = adminLanguage(i18n)
  const say = speaker(language)
  const time = (iso: string) => dateTimeFormat(language).format(new Date(iso)).replace(',', '')
  const state = await liveState(payload, collectionSlug, Number(id), readEnv().SITE_BUILD_TARGET)
  const text = {
    'no-target': say('Kein Website-Build eingerichtet.', 'No site build set up.'),
    unpublished:
      state.state === 'unpublished' && state.scheduledFor
        ? say(
            `Wird veröffentlicht um ${time(state.scheduledFor)}.`,
            `Will be published at ${time(state.scheduledFor)}.`,
          )
        : say('Nicht veröffentlicht.', 'Not published.'),
    embargoed:
      state.state === 'embargoed'
        ? say(
            `Sperrfrist: wird veröffentlicht um ${time(state.until)}.`,
            `Embargo: will be published at ${time(state.until)}.`,
          )
        : '',
    pending: say('Website wird gerade neu gebaut …', 'The site is being rebuilt …'),
    live: state.state === 'live' ? say(`Live seit ${time(state.since)}.`, `Live since ${time(state.since)}.`) : '',
    failed:
      state.state === 'failed'
        ? say(
            `Build fehlgeschlagen (${time(state.at)}): ${state.error}`,
            `Build failed (${time(state.at)}): ${state.error}`,
          )
        : '',
  }[state.state]
  return (
    <div className="field-type" style={{ marginBottom: '1.5rem' }}>
      {/* Every document that autosaves drafts shows this status, so an untitled new one is named here. */}
      <NewDocumentTitle />
      <strong>{say('Öffentliche Website', 'Public website')}</strong>
      <p role="status" data-live-state={state.state} style={{ margin: '0.25rem 0 0' }}>
        {text}
      </p>
    </div>
  )
}
