import type { Endpoint, SanitizedConfig } from 'payload'
import { describe, expect, it } from 'vitest'
import { declaredBodies, declaredBody, takes } from '../src/badInput/declaredBodies.ts'

const handler = async () => new Response(null)
const endpoint = (method: Endpoint['method'], path: string, body?: 'form' | 'file'): Endpoint => ({
  method,
  path,
  handler,
  ...(body ? takes(body) : {}),
})

/** Only what declaredBodies reads of a config: the API route and the endpoints where they hang. */
const config = {
  routes: { api: '/api' },
  endpoints: [endpoint('post', '/hook', 'form')],
  collections: [
    {
      slug: 'press-releases',
      endpoints: [endpoint('post', '/:id/correction-alert', 'form'), endpoint('get', '/:id/preview')],
    },
    { slug: 'subscriptions', endpoints: [endpoint('get', '/unsubscribe'), endpoint('post', '/unsubscribe', 'form')] },
    { slug: 'media', endpoints: false },
  ],
  globals: [{ slug: 'site-settings', endpoints: [endpoint('put', '/logo.png', 'file')] }],
} as unknown as SanitizedConfig

describe('the bodies endpoints declare', () => {
  const routes = declaredBodies(config)

  it('are found by method and full path, a path parameter standing for one segment', () => {
    expect(declaredBody(routes, 'POST', '/api/hook')).toBe('form')
    expect(declaredBody(routes, 'post', '/api/press-releases/17/correction-alert')).toBe('form')
    expect(declaredBody(routes, 'POST', '/api/subscriptions/unsubscribe')).toBe('form')
    expect(declaredBody(routes, 'PUT', '/api/globals/site-settings/logo.png')).toBe('file')
  })

  it('are not found for another method, an undeclared endpoint, a longer path or a dot taken as any letter', () => {
    expect(declaredBody(routes, 'GET', '/api/subscriptions/unsubscribe')).toBeUndefined()
    expect(declaredBody(routes, 'GET', '/api/press-releases/17/preview')).toBeUndefined()
    expect(declaredBody(routes, 'POST', '/api/press-releases/17/18/correction-alert')).toBeUndefined()
    expect(declaredBody(routes, 'POST', '/api/press-releases/17/correction-alert/x')).toBeUndefined()
    expect(declaredBody(routes, 'PUT', '/api/globals/site-settings/logoXpng')).toBeUndefined()
  })
})
