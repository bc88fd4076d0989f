/**
 * The largest Word file the import takes. A press release with a few photos stays well below it;
 * the request is refused before its body is read further, so a 50 MB upload costs nothing.
 */
export const DOCX_MAX_BYTES = 10 * 1024 * 1024

/**
 * A Word file the import will not read, with the reason in both admin languages; nothing is written.
 * Plain data and free of Payload, so the import's worker thread can raise it and pass it back.
 */
export class Refusal extends Error {
  readonly de: string
  readonly en: string
  readonly status: number
  constructor(de: string, en: string, status = 400) {
    super(`${de} / ${en}`)
    this.de = de
    this.en = en
    this.status = status
  }
}
