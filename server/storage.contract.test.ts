import { existsSync, readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'
import { form, raw, tinyZip } from './test-support/raw-http'

const auth = { authorization: 'Bearer hk-local-dev' }
let cloud: ReferenceCloud
let clock: number

beforeEach(async () => {
  clock = Date.parse('2026-11-23T10:00:00Z')
  cloud = await startReferenceCloud({ now: () => clock, limits: { hcompanyArchiveBytes: 4096 } })
})
afterEach(() => cloud.close())

async function initiate() {
  const response = await raw('POST', `${cloud.url}/api/v2/browser-profiles/initiate-upload`, { headers: auth })
  return response.json<{ upload_url: string; upload_fields: Record<string, string> }>()
}

function post(
  url: string,
  fields: Array<[string, string]>,
  data: Buffer | undefined,
  options: { fileAt?: number; chunked?: boolean } = {}
) {
  const { body, contentType } = form(fields, data === undefined ? undefined : { data }, options)
  return raw('POST', url, { headers: { 'content-type': contentType }, body, chunked: options.chunked ?? false })
}

function xmlCode(text: string): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(text)?.[1]
}

/** Nothing may remain on disk from a refused upload, not even a partial file. */
function storedFiles(): string[] {
  const root = join(cloud.dataDir, 'objects')
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
}

describe('storage: S3 POST Object', () => {
  it('accepts the fields verbatim, in order, file last', async () => {
    const { upload_url, upload_fields } = await initiate()
    const response = await post(upload_url, Object.entries(upload_fields), tinyZip())
    expect(response.status).toBe(204)
    expect(storedFiles()).toEqual(['profile.zip'])
  })

  it('matches field names without regard to case, as S3 does', async () => {
    const { upload_url, upload_fields } = await initiate()
    const fields = Object.entries(upload_fields).map(([name, value]): [string, string] => [
      name === 'policy' ? 'Policy' : name === 'x-amz-signature' ? 'X-Amz-Signature' : name,
      value
    ])
    expect((await post(upload_url, fields, tinyZip())).status).toBe(204)
  })

  it('answers a refusal while the body still arrives, then closes gracefully: the sender is not reset', async () => {
    const { upload_url, upload_fields } = await initiate()
    clock += 2 * 3600 * 1000
    const { body, contentType } = form(Object.entries(upload_fields), { data: Buffer.alloc(8 * 1024 * 1024) })
    const url = new URL(upload_url)
    const answer = await new Promise<{ status: number; text: string; errors: string[] }>((resolve) => {
      const errors: string[] = []
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: ${contentType}\r\ncontent-length: ${body.length}\r\n\r\n`
        )
        // Sent slowly, as over a real uplink: the refusal comes long before the last byte.
        let at = 0
        const next = () => {
          if (at >= body.length || socket.destroyed) return
          socket.write(body.subarray(at, (at += 64 * 1024)), () => setTimeout(next, 2))
        }
        next()
      })
      let received = ''
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')))
      socket.on('error', (error: NodeJS.ErrnoException) => errors.push(error.code ?? error.message))
      // The answer is in; the sender goes on a moment longer, as a client does before it reads it.
      socket.on('end', () =>
        setTimeout(() => {
          socket.destroy()
          resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(received)?.[1]), text: received, errors })
        }, 200)
      )
    })
    expect(answer.status).toBe(403)
    expect(xmlCode(answer.text)).toBe('AccessDenied')
    expect(answer.text.toLowerCase()).toContain('connection: close')
    expect(answer.errors).toEqual([])
  })

  it('refuses a chunked request with 411 MissingContentLength', async () => {
    const { upload_url, upload_fields } = await initiate()
    const response = await post(upload_url, Object.entries(upload_fields), tinyZip(), { chunked: true })
    expect(response.status).toBe(411)
    expect(xmlCode(response.text)).toBe('MissingContentLength')
    expect(storedFiles()).toEqual([])
  })

  it('refuses a tampered field with 403 Policy Condition failed', async () => {
    const { upload_url, upload_fields } = await initiate()
    const fields = Object.entries({ ...upload_fields, key: upload_fields['key']?.replace('pending', 'finished') ?? '' })
    const response = await post(upload_url, fields, tinyZip())
    expect(response.status).toBe(403)
    expect(xmlCode(response.text)).toBe('AccessDenied')
    expect(response.text).toContain('Invalid according to Policy: Policy Condition failed:')
    expect(storedFiles()).toEqual([])
  })

  it('refuses a tampered policy with 403 SignatureDoesNotMatch', async () => {
    const { upload_url, upload_fields } = await initiate()
    const policy = JSON.parse(Buffer.from(upload_fields['policy'] ?? '', 'base64').toString()) as { conditions: unknown[] }
    policy.conditions = policy.conditions.map((c) => (Array.isArray(c) && c[0] === 'content-length-range' ? [c[0], 1, 10 ** 12] : c))
    const forged = Buffer.from(JSON.stringify(policy)).toString('base64')
    const response = await post(upload_url, Object.entries({ ...upload_fields, policy: forged }), tinyZip())
    expect(response.status).toBe(403)
    expect(xmlCode(response.text)).toBe('SignatureDoesNotMatch')
  })

  it('refuses a field the policy does not cover', async () => {
    const { upload_url, upload_fields } = await initiate()
    const fields: Array<[string, string]> = [...Object.entries(upload_fields), ['acl', 'public-read']]
    const response = await post(upload_url, fields, tinyZip())
    expect(response.status).toBe(403)
    expect(response.text).toContain('Extra input fields: acl')
  })

  it('refuses reordered fields', async () => {
    const { upload_url, upload_fields } = await initiate()
    const response = await post(upload_url, Object.entries(upload_fields).reverse(), tinyZip())
    expect(response.status).toBe(400)
    expect(xmlCode(response.text)).toBe('InvalidArgument')
    expect(storedFiles()).toEqual([])
  })

  it('ignores fields after the file, so a file that is not last fails', async () => {
    const { upload_url, upload_fields } = await initiate()
    const fields = Object.entries(upload_fields)
    const response = await post(upload_url, fields, tinyZip(), { fileAt: fields.length - 1 })
    expect(response.status).toBe(400)
    expect(response.text).toContain('x-amz-signature')
    expect(storedFiles()).toEqual([])
  })

  it('refuses an expired policy with 403 Policy expired', async () => {
    const { upload_url, upload_fields } = await initiate()
    clock += 3600_000
    const response = await post(upload_url, Object.entries(upload_fields), tinyZip())
    expect(response.status).toBe(403)
    expect(xmlCode(response.text)).toBe('AccessDenied')
    expect(response.text).toContain('Invalid according to Policy: Policy expired.')
  })

  it('refuses a file over content-length-range with EntityTooLarge, keeping nothing', async () => {
    const { upload_url, upload_fields } = await initiate()
    const response = await post(upload_url, Object.entries(upload_fields), Buffer.alloc(5000, 1))
    expect(response.status).toBe(400)
    expect(xmlCode(response.text)).toBe('EntityTooLarge')
    expect(response.text).toContain('<MaxSizeAllowed>4096</MaxSizeAllowed>')
    expect(storedFiles()).toEqual([])
  })

  it('refuses an empty file with EntityTooSmall', async () => {
    const { upload_url, upload_fields } = await initiate()
    const response = await post(upload_url, Object.entries(upload_fields), Buffer.alloc(0))
    expect(response.status).toBe(400)
    expect(xmlCode(response.text)).toBe('EntityTooSmall')
  })

  it('refuses more than 20 KB of form data before the file', async () => {
    const { upload_url, upload_fields } = await initiate()
    const fields: Array<[string, string]> = [['x-ignore-padding', 'x'.repeat(21 * 1024)], ...Object.entries(upload_fields)]
    const response = await post(upload_url, fields, tinyZip())
    expect(response.status).toBe(400)
    expect(xmlCode(response.text)).toBe('MaxPostPreDataLengthExceeded')
  })

  it('answers a refusal mid-stream without reading the rest of a large body', async () => {
    const { upload_url, upload_fields } = await initiate()
    const { body, contentType } = form(Object.entries(upload_fields), { data: Buffer.alloc(64 * 1024 * 1024, 7) })
    // Only the first megabyte is ever sent; the rest waits until the answer is in. A server that
    // read on before answering would never answer, and this test would time out.
    let answered: () => void = () => undefined
    const answer = new Promise<void>((resolve) => (answered = resolve))
    async function* firstMegabyteOnly() {
      yield body.subarray(0, 1024 * 1024)
      await answer
    }
    const response = await raw('POST', upload_url, {
      headers: { 'content-type': contentType, 'content-length': body.length },
      body: Readable.from(firstMegabyteOnly())
    })
    answered()
    expect(response.status).toBe(400)
    expect(xmlCode(response.text)).toBe('EntityTooLarge')
    expect(storedFiles()).toEqual([])
  })

  it('has only the browser-profiles bucket', async () => {
    const response = await post(`${cloud.url}/s3/other-bucket`, [], tinyZip())
    expect(response.status).toBe(404)
    expect(xmlCode(response.text)).toBe('NoSuchBucket')
  })
})
