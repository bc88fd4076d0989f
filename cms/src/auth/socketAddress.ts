import { subscribe } from 'node:diagnostics_channel'
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

/**
 * The request header that carries the address of the TCP peer, for code that sees only headers.
 * Written by this server for every request, over whatever the client sent under the same name.
 */
export const SOCKET_ADDRESS_HEADER = 'x-masterplan-socket-address'

let recording = false

/**
 * Next.js hands route handlers a Request without the socket, and fills X-Forwarded-For with the
 * peer's address only when the client did not send one itself, so neither can tell clients apart
 * without a trusted proxy. Node announces every request on this channel before any handler runs,
 * with its socket; the peer's address is written into the request's headers there, replacing a
 * value of the same name the client may have sent. Called once at boot (src/instrumentation.ts).
 */
export function recordSocketAddresses(): void {
  if (recording) return
  recording = true
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket }
    request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? ''
  })
}
