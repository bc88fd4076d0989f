import { z } from 'zod'
import {
  CONSENT_VERSIONS,
  EMAIL_MAX_LENGTH,
  LOCALES,
  type Locale,
  SUBSCRIPTION_FIELDS as F,
  SUBSCRIPTION_TOPICS,
  type SubscriptionTopic,
} from '@masterplan/shared'
import type { Problem } from '../badInput/problem.ts'

export type SubscriptionRequest = {
  email: string
  topics: SubscriptionTopic[]
  language: Locale
  consentVersion: string
  honeypot: boolean
}

/** The fields of a request, as a form (repeated `topics`) or as JSON (an array). */
export async function readFields(request: Request): Promise<Record<string, string[]>> {
  const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase()
  const text = await request.text()
  if (type === 'application/json') {
    const data = JSON.parse(text || '{}') as Record<string, unknown>
    return Object.fromEntries(
      Object.entries(data ?? {}).map(([name, value]) => [name, (Array.isArray(value) ? value : [value]).map(String)]),
    )
  }
  const params = new URLSearchParams(text)
  return Object.fromEntries([...new Set(params.keys())].map((name) => [name, params.getAll(name)]))
}

const address = z
  .string()
  .max(EMAIL_MAX_LENGTH, `ist länger als ${EMAIL_MAX_LENGTH} Zeichen / is longer than ${EMAIL_MAX_LENGTH} characters`)
  // A line break in an address would start a new mail header (header injection).
  .refine(
    (value) => !/[\p{Cc}]/u.test(value),
    'enthält Steuerzeichen oder Zeilenumbrüche / contains control characters or line breaks',
  )
  .pipe(z.email('ist keine gültige E-Mail-Adresse / is not a valid e-mail address'))

/** Checks a request field by field; every problem names its field. */
export function parseRequest(
  fields: Record<string, string[]>,
): { ok: true; value: SubscriptionRequest } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = []
  const one = (name: string) => (fields[name]?.length === 1 ? fields[name][0]! : undefined)

  const rawEmail = one(F.email)?.trim()
  const email = rawEmail ? address.safeParse(rawEmail) : null
  if (!email?.success)
    problems.push({ path: F.email, message: email?.error.issues[0]?.message ?? 'fehlt / is missing' })

  const topics = fields[F.topics] ?? []
  const unknown = topics.find((topic) => !(SUBSCRIPTION_TOPICS as readonly string[]).includes(topic))
  if (topics.length === 0)
    problems.push({ path: F.topics, message: 'mindestens ein Thema wählen / choose at least one topic' })
  else if (unknown !== undefined)
    problems.push({
      path: F.topics,
      message: `unbekanntes Thema / unknown topic '${unknown.slice(0, 40)}' (${SUBSCRIPTION_TOPICS.join(', ')})`,
    })

  const language = one(F.language) ?? 'de'
  if (!(LOCALES as readonly string[]).includes(language))
    problems.push({
      path: F.language,
      message: `muss ${LOCALES.join(' oder ')} sein / must be ${LOCALES.join(' or ')}`,
    })

  // An API client that shows no consent text of its own declares the current one.
  const consentVersion = one(F.consent) ?? CONSENT_VERSIONS.at(-1)!
  if (!(CONSENT_VERSIONS as readonly string[]).includes(consentVersion)) {
    problems.push({
      path: F.consent,
      message: `unbekannte Version des Einwilligungstexts / unknown consent text version (${CONSENT_VERSIONS.join(', ')})`,
    })
  }

  if (problems.length) return { ok: false, problems }
  return {
    ok: true,
    value: {
      email: email!.data!.toLowerCase(),
      topics: SUBSCRIPTION_TOPICS.filter((topic) => topics.includes(topic)),
      language: language as Locale,
      consentVersion,
      honeypot: Boolean(one(F.honeypot)?.length),
    },
  }
}
