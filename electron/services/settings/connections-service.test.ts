import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PorterError } from '../../../shared/errors'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { createLocalLibrary } from '../clouds/local/local-library'
import { createConnectionsService } from './connections-service'
import { encryptedFileSecretStore, memorySecretStore, type OsCipher } from './secret-store'
import { directNetwork } from '../../../test/support/direct-network'

let dataDir: string
let cloud: ReferenceCloud
const KEY = 'hk-secret-key-0123456789abcdef'

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'porter-connections-'))
  cloud = await startReferenceCloud({ agpKeys: [KEY], webrunRateLimit: 0 })
})
afterEach(async () => {
  await cloud.close()
  await rm(dataDir, { recursive: true, force: true })
})

/** A stand-in for the OS's encryption that is reversible but never leaves the key readable. */
const xor = (bytes: Buffer) => Buffer.from([...bytes].map((byte) => byte ^ 0x5a))
const fakeOsCipher: OsCipher = {
  encrypt: async (plain) => xor(Buffer.from(plain)),
  decrypt: async (encrypted) => xor(encrypted).toString()
}

async function allFileText(dir: string): Promise<string> {
  let text = ''
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) text += await readFile(join(entry.parentPath, entry.name), 'latin1')
  }
  return text
}

const make = (secrets = memorySecretStore(), env: NodeJS.ProcessEnv = {}) =>
  createConnectionsService({
    dataDir,
    secrets,
    env,
    local: createLocalLibrary({ dataDir, now: () => new Date() }),
    network: directNetwork()
  })

describe('connections', () => {
  it('adds, lists with a masked hint, tests, and removes; the key is never written in plaintext', async () => {
    const connections = make(encryptedFileSecretStore(join(dataDir, 'secrets.json'), fakeOsCipher))
    const added = await connections.add({ kind: 'hcompany', name: 'H Company — EU', baseUrl: cloud.url, apiKey: KEY })
    expect(added).toEqual({ id: expect.any(String), kind: 'hcompany', name: 'H Company — EU', baseUrl: cloud.url, keyHint: 'hk-s…cdef' })
    expect((await connections.list()).map((c) => c.name)).toEqual(['This computer', 'H Company — EU'])
    expect(await connections.test({ id: added.id })).toEqual({ ok: true, message: 'Connected. 0 profiles found.', profiles: 0 })
    expect(await allFileText(dataDir)).not.toContain(KEY)

    await connections.remove(added.id)
    expect((await connections.list()).map((c) => c.name)).toEqual(['This computer'])
    expect(await allFileText(dataDir)).not.toContain((await fakeOsCipher.encrypt(KEY)).toString('base64'))
  })

  it('tests a draft and explains a refused key in plain words', async () => {
    const result = await make().test({ kind: 'hcompany', name: '', baseUrl: cloud.url, apiKey: 'hk-wrong-key-123' })
    expect(result).toEqual({
      ok: false,
      message: 'H Company refused the API key. H Company said: “Invalid API key” Check the key you entered.'
    })
  })

  it.each([
    ['hcompany', (key: string) => ({ detail: `Invalid API key '${key}' (first seen as ${key.slice(0, 14)}…)` })],
    ['webrun', (key: string) => ({ error: `No account for ${encodeURIComponent(key)}` })]
  ] as const)('%s: a refusal that echoes the key is said without it, in the test and in every call', async (kind, body) => {
    const key = `${kind === 'webrun' ? 'enig' : 'hk'}-echoed-secret-4f9a2c7e1b`
    const echo = createServer((request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body(key)))
      request.resume()
    })
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
    try {
      const baseUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
      const connections = make()
      const tested = await connections.test({ kind, name: '', baseUrl, apiKey: key })
      expect(tested.ok).toBe(false)
      expect(tested.message).toContain('refused the API key')
      expect(tested.message).toContain('••••')
      const added = await connections.add({ kind, name: 'Echo', baseUrl, apiKey: key })
      const failure = (await (await connections.serviceFor(added.id)).list().catch((error: unknown) => error)) as PorterError
      expect(failure).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('••••') })
      for (const text of [tested.message, failure.message, failure.action ?? '']) {
        expect(text).not.toContain(key)
        expect(text).not.toContain(key.slice(0, 14))
        expect(text).not.toContain(encodeURIComponent(key))
      }
    } finally {
      echo.close()
    }
  })

  it('tries a new key on a saved connection before saving it, and refuses a rename onto another name', async () => {
    const connections = make()
    const first = await connections.add({ kind: 'hcompany', name: 'First', baseUrl: cloud.url, apiKey: 'hk-wrong-key-123' })
    await connections.add({ kind: 'hcompany', name: 'Second', baseUrl: cloud.url, apiKey: KEY })
    expect((await connections.test({ id: first.id })).ok).toBe(false)
    expect(await connections.test({ id: first.id, apiKey: KEY })).toMatchObject({ ok: true })
    expect((await connections.test({ id: first.id })).ok).toBe(false)
    await expect(connections.update(first.id, { name: 'second' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'A connection named “second” already exists.'
    })
    await connections.update(first.id, { name: 'First, fixed', apiKey: KEY })
    expect(await connections.test({ id: first.id })).toMatchObject({ ok: true })
  })

  it('advises on a refused key where the person is: the settings dialog they are in, or the variable the CLI reads', async () => {
    const connections = make(memorySecretStore(), { WRONG_KEY: 'hk-wrong-key-123' })
    const saved = await connections.add({ kind: 'hcompany', name: 'Saved', baseUrl: cloud.url, apiKey: 'hk-wrong-key-123' })
    const fromEnv = await connections.add({ kind: 'hcompany', name: 'From env', baseUrl: cloud.url, keyEnv: 'WRONG_KEY' })
    const said = [
      (await connections.test({ id: saved.id })).message,
      (await connections.test({ id: saved.id, apiKey: 'hk-also-wrong-456' })).message,
      (await connections.test({ id: fromEnv.id })).message
    ]
    expect(said.map((message) => message.replace(/^.*“Invalid API key” /, ''))).toEqual([
      'Enter the right key under “New API key”, then test again.',
      'Check the key you entered.',
      'Check the key in WRONG_KEY, then test again.'
    ])
    // Inside the settings dialog, "open its settings" would send the person in a circle.
    for (const message of said) expect(message).not.toMatch(/settings|⋯/)
  })

  it('refuses a second connection with the same name', async () => {
    const connections = make()
    await connections.add({ kind: 'webrun', name: 'Team', baseUrl: cloud.url, apiKey: 'enig_local_dev' })
    await expect(connections.add({ kind: 'webrun', name: 'team', baseUrl: cloud.url, apiKey: 'enig_local_dev' })).rejects.toMatchObject({
      code: 'conflict'
    })
  })

  it('reads a key from an environment variable it names, and says so when unset', async () => {
    const withKey = make(memorySecretStore(), { PORTER_H_KEY: KEY })
    const added = await withKey.add({ kind: 'hcompany', name: 'From env', baseUrl: cloud.url, keyEnv: 'PORTER_H_KEY' })
    expect((await withKey.test({ id: added.id })).ok).toBe(true)
    const without = make(memorySecretStore(), {})
    await expect(without.serviceFor(added.id)).rejects.toMatchObject({
      message: 'The API key for “From env” is read from PORTER_H_KEY, which is not set.'
    })
    expect(await allFileText(dataDir)).not.toContain(KEY)
  })
})
