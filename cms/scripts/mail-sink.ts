/**
 * A real SMTP server that delivers nowhere: every accepted mail is kept as an `.eml` file (and in
 * memory), so `pnpm start` needs no mail server and an editor can open the confirmation mail and
 * click its link. Tests use the same server to read what the CMS sent.
 */
import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'

export type SinkOptions = {
  /** Keep each mail as <dir>/<time>-<n>.eml. */
  dir?: string
  /** Keep raw mails in memory too (tests); off for `pnpm start` and benchmarks with many mails. */
  keep?: boolean
  /** Answer RCPT TO for these addresses with this permanent refusal (tests of bounces). */
  refuse?: (address: string) => string | null
  /** Time the server takes to accept each mail (tests that stop the CMS mid-send). */
  delayMs?: number
  onMail?: (raw: Buffer, file: string | null) => void
  port?: number
}

export type MailSink = {
  url: string
  port: number
  messages: Buffer[]
  count: () => number
  setDelay: (ms: number) => void
  stop: () => Promise<void>
}

export async function startMailSink({
  dir,
  keep = false,
  refuse,
  delayMs = 0,
  onMail,
  port = 0,
}: SinkOptions = {}): Promise<MailSink> {
  if (dir) mkdirSync(dir, { recursive: true })
  const messages: Buffer[] = []
  let count = 0
  let delay = delayMs
  const server = new SMTPServer({
    // Local only, no TLS and no login: nothing leaves the machine.
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    banner: 'Masterplan mail sink (delivers nothing)',
    size: 10 * 1024 * 1024,
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refuse?.(address.address)
      if (!refusal) return callback()
      const error = new Error(refusal) as Error & { responseCode: number }
      error.responseCode = 550
      callback(error)
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks)
        try {
          if (delay) await new Promise((resolve) => setTimeout(resolve, delay))
          // Counted as received only now, as it is accepted: a client gone before the answer sent nothing.
          const n = ++count
          if (keep) messages.push(raw)
          const file = dir ? path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${n}.eml`) : null
          if (file) await writeFile(file, raw)
          onMail?.(raw, file)
          callback(null, `queued as ${n}`)
        } catch (error) {
          callback(error as Error)
        }
      })
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  // A client that vanishes mid-conversation (a CMS killed while it sends) resets its connection;
  // smtp-server reports that on the server, where it must not end the process the sink runs in.
  server.on('error', () => {})
  const actual = (server.server.address() as AddressInfo).port
  return {
    url: `smtp://127.0.0.1:${actual}`,
    port: actual,
    messages,
    count: () => count,
    setDelay: (ms) => {
      delay = ms
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
