import { APIError } from 'payload'

/** A refusal as Payload answers it: the message "Deutsch / English" and the status, nothing written. */
export class ImportRefused extends APIError {
  constructor(de: string, en: string, status = 400) {
    super(`${de} / ${en}`, status, undefined, true)
  }
}
