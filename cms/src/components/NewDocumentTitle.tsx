'use client'
import { useConfig, useDocumentInfo, useDocumentTitle, useFormFields, useTranslation } from '@payloadcms/ui'
import { useEffect } from 'react'
import { adminLanguage } from '../i18n/language.ts'
import { newDocumentTitles } from '../i18n/newDocument.ts'

/**
 * Heads an autosaved draft that has no title yet "Neue Medieninformation" instead of its id.
 * Payload sets the heading back to the id whenever the document's data changes; this answers each
 * time, and steps aside as soon as a title is typed.
 */
export function NewDocumentTitle() {
  const { id, collectionSlug } = useDocumentInfo()
  const { getEntityConfig } = useConfig()
  const { title, setDocumentTitle } = useDocumentTitle()
  const { i18n } = useTranslation()
  const useAsTitle = collectionSlug ? getEntityConfig({ collectionSlug })?.admin?.useAsTitle : undefined
  const typed = useFormFields(([fields]) => (useAsTitle ? fields[useAsTitle]?.value : undefined))
  const heading = collectionSlug ? newDocumentTitles[collectionSlug] : undefined
  useEffect(() => {
    if (!heading || typed || id === undefined || title !== String(id)) return
    // Payload's provider sets the id in its own effect, which runs after this one (parents after
    // children): a task later, ours is the last word.
    const later = setTimeout(() => setDocumentTitle(heading[adminLanguage(i18n)]))
    return () => clearTimeout(later)
  }, [heading, typed, id, title, i18n, setDocumentTitle])
  return null
}
