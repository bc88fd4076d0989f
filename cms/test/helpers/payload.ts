import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

export { config }

export const bootPayload = async (): Promise<Payload> => getPayload({ config: await config })
