import type { FeatureProviderServer, ServerFeature } from '@payloadcms/richtext-lexical'
import { label } from '../lib/label.ts'

type Strings = { [key: string]: string | Strings }
// biome-ignore lint/suspicious/noExplicitAny: a provider of any feature, whatever its props
type AnyProvider = FeatureProviderServer<any, any, any>
// biome-ignore lint/suspicious/noExplicitAny: idem
type AnyFeature = ServerFeature<any, any>

/**
 * Lexical merges each feature's own translations over the config's `i18n.translations`, so an
 * override there never wins: the German is replaced on the feature itself.
 */
export function withGerman<P extends AnyProvider>(provider: P, de: Strings): P {
  const patch = (feature: AnyFeature): AnyFeature => ({
    ...feature,
    i18n: { ...feature.i18n, de: { ...feature.i18n?.de, ...de } },
  })
  const { feature } = provider
  return {
    ...provider,
    feature:
      typeof feature === 'function'
        ? async (args: Parameters<typeof feature>[0]) => patch(await feature(args))
        : patch(feature),
  }
}

/** Lexical's German says "Paragraph" for Absatz. */
export const paragraphGerman = { label: 'Absatz', label2: 'Normaler Text' }

/** Lexical's German for inline blocks is in the du-imperative ("Erstelle …"). */
export const blocksGerman = {
  inlineBlocks: {
    create: '{{label}} anlegen',
    edit: '{{label}} bearbeiten',
    label: 'Inline-Blöcke',
    remove: '{{label}} entfernen',
  },
  label: 'Blöcke',
}

/** Lexical's placeholder ("Beginne zu tippen …") is set by the editor itself, per editor. */
export const editorPlaceholder = label(
  'Text eingeben, oder „/“ für Absätze, Überschriften, Listen …',
  'Start typing, or press "/" for paragraphs, headings, lists …',
)
