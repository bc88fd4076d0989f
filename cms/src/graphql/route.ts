import type { SanitizedConfig } from 'payload'
import { clientKey } from '../auth/clientKey.ts'
import { guardRequest } from '../badInput/requestGuard.ts'
import { readEnv } from '../lib/env.ts'
import { limitConcurrency } from './concurrency.ts'
import { limitDocuments } from './documentLimits.ts'

type Handler = (request: Request) => Promise<Response>

/**
 * What stands in front of Payload's GraphQL handler, in order: the request guard's body limits
 * (the route read bodies of any size: 100 MB were parsed into memory), bounds on the document's
 * length and on its fields with fragments spread out, and the bound on operations in flight.
 * The cost of each operation is bounded by a validation rule (queryCost.ts, in the config).
 */
export function guardGraphql(handler: Handler, config: Promise<SanitizedConfig>): Handler {
  const { TRUST_PROXY } = readEnv()
  const limited = limitConcurrency(handler, (request) => clientKey(request.headers, '', TRUST_PROXY))
  return guardRequest(limitDocuments(limited), config)
}
