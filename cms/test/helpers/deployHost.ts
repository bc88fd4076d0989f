import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export type Hook = { buildId: number; callbackUrl: string; reason: string }

export type DeployHost = { url: string; hooks: Hook[]; close: () => void }

/**
 * The host of the deploy-hook target, in the test's process: it records every hook the CMS calls
 * and answers 202, as a real host does before it builds. The test plays its report.
 */
export async function startDeployHost(): Promise<DeployHost> {
  const hooks: Hook[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      hooks.push(JSON.parse(body))
      res.writeHead(202).end()
    })
  }).listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/hook`, hooks, close: () => server.close() }
}
