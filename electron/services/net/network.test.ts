import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { directNetwork } from '../../../test/support/direct-network'
import type { Network } from './network'

let server: Server | undefined
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))

async function get(url: URL, network: Network): Promise<number> {
  const req = await network.request(url, { method: 'GET' })
  return new Promise<number>((resolve, reject) => {
    req.on('response', (response) => {
      response.resume()
      response.on('end', () => resolve(response.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

it('lets go of a kept-alive connection a second before the time the service announces, so a request never crosses its close', async () => {
  let connections = 0
  // Announces `Keep-Alive: timeout=2` (and closes an idle connection at 3 s: Node's own grace).
  server = createServer({ keepAliveTimeout: 2_000 }, (_req, res) => res.end('ok'))
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  const network = directNetwork()

  expect(await get(url, network)).toBe(200)
  expect(await get(url, network)).toBe(200)
  expect(connections).toBe(1)
  await new Promise((resolve) => setTimeout(resolve, 1_300))
  expect(await get(url, network)).toBe(200)
  expect(connections).toBe(2)
})
