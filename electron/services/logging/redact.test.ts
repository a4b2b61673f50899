import { inspect } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { PorterError } from '../../../shared/errors'
import { signBlobUrl } from '../../../server/webrun/signed-url'
import { redact } from './redact'

const HK = 'hk-8f3a9c2e71d04b5a96e0c1f2a3b4c5d6'
const ENIG = 'enig_live_4f1c2a9b7d3e8a6c'
let cloud: ReferenceCloud

beforeAll(async () => {
  cloud = await startReferenceCloud({ agpKeys: [HK], webrunKeys: [ENIG], webrunRateLimit: 0 })
})
afterAll(() => cloud.close())

/** What would reach the log file: the redacted value as the logger prints it. */
const written = (value: unknown) => (typeof value === 'string' ? redact(value) : inspect(redact(value), { depth: 8 }))

function expectHidden(value: unknown, secrets: string[]): string {
  const text = written(value)
  for (const secret of secrets) expect(text, `${secret} in ${text}`).not.toContain(secret)
  expect(text).toContain('[redacted]')
  return text
}

describe('the redaction every log line and report goes through', () => {
  it('hides the API keys of both services, in text, headers, objects and errors', () => {
    expectHidden(`H Company refused ${HK}`, [HK.slice(3)])
    expectHidden(`WebRun key ${ENIG} was refused`, [ENIG.slice(5)])
    expectHidden('Authorization: Bearer ' + HK, [HK.slice(3)])
    expectHidden({ headers: { Authorization: `Bearer ${ENIG}`, 'x-api-key': HK } }, [ENIG.slice(5), HK.slice(3)])
    expectHidden({ connection: { name: 'Work', apiKey: HK } }, [HK.slice(3)])
    expectHidden('curl -H "authorization: Bearer abc.def-ghi_jkl~mno+pqr/stu="', ['abc.def'])
    expectHidden('proxy-authorization: Basic dXNlcjpwYXNzd29yZA==', ['dXNlcjpwYXNzd29yZA'])
  })

  it('hides every field of a real presigned POST from the H Company twin, as JSON, as a form and as log text', async () => {
    const response = await fetch(`${cloud.url}/api/v2/browser-profiles/initiate-upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HK}` }
    })
    const body = (await response.json()) as { upload_url: string; upload_fields: Record<string, string> }
    const fields = body.upload_fields
    const secrets = ['policy', 'x-amz-signature', 'x-amz-credential'].map((name) => fields[name] as string)
    expect(secrets.every((secret) => secret.length > 10)).toBe(true)
    expectHidden(JSON.stringify(body), secrets)
    expectHidden(body, secrets)
    expectHidden(new URLSearchParams(fields).toString(), secrets.map(encodeURIComponent))
    expectHidden(
      Object.entries(fields)
        .map(([name, value]) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join(''),
      secrets
    )
    expectHidden(`x-amz-signature: ${fields['x-amz-signature'] as string}`, [fields['x-amz-signature'] as string])
  })

  it('hides the query of every URL: signed download links, tokens, the bridge address', () => {
    const downloadUrl = signBlobUrl(cloud.url, 'twin-url-secret', 'org/profile.tar.gz', Date.now() + 3600_000)
    const signature = new URL(downloadUrl).searchParams.get('signature') as string
    expect(expectHidden(`GET ${downloadUrl} failed`, [signature])).toContain(new URL(downloadUrl).pathname)
    expectHidden('http://127.0.0.1:41234/?token=Zx8-secret_bridge_token', ['Zx8-secret_bridge_token'])
    expectHidden('https://user:hunter2@proxy.example.com:3128/', ['hunter2'])
    expectHidden('/oauth/callback?code=abc123&state=xyz', ['abc123'])
    expectHidden('token=tok_very_secret&mode=x', ['tok_very_secret'])
    expectHidden('session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl expired', ['eyJzdWIiOiIxMjM0NSJ9'])
  })

  it('hides cookie values: headers, cookies.txt, Cookie-Editor and storageState JSON, cookie rows as objects', () => {
    expectHidden('Cookie: session_id=crm-cookie-secret; theme=dark', ['crm-cookie-secret'])
    expectHidden('set-cookie: sid=bank-cookie-secret; Path=/; HttpOnly', ['bank-cookie-secret'])
    expectHidden('.crm-alpha.com\tTRUE\t/\tTRUE\t1893456000\tsession_id\tcrm-cookie-secret\n', ['crm-cookie-secret'])
    expectHidden('#HttpOnly_.chase.com\tTRUE\t/\tFALSE\t0\tauth\tbank-cookie-secret', ['bank-cookie-secret'])
    expectHidden(JSON.stringify([{ domain: '.google.com', name: 'SID', value: 'google-cookie-secret' }]), ['google-cookie-secret'])
    expectHidden(JSON.stringify({ cookies: [{ name: 'a', value: 'storage-state-secret' }], origins: [] }), ['storage-state-secret'])
    expectHidden({ host: '.crm-alpha.com', name: 'session_id', value: 'crm-cookie-secret', encrypted_value: Buffer.from('v10xyz') }, [
      'crm-cookie-secret',
      'v10xyz'
    ])
  })

  it('keeps an error readable: name, message and stack without the secret, its own fields and cause walked too', () => {
    const cause = new Error(`connect refused for ${ENIG}`)
    const error = new PorterError({ code: 'unauthorized', message: `Key ${HK} refused`, action: 'Check the key.' }, { cause })
    const copy = redact(error)
    expect(copy).toBeInstanceOf(Error)
    expect(copy.name).toBe('PorterError')
    expect(copy.message).toBe('Key hk-[redacted] refused')
    expect(copy.stack).toContain('Key hk-[redacted] refused')
    expect(copy.stack).not.toContain(HK)
    expect((copy as unknown as { code: string }).code).toBe('unauthorized')
    expect(String((copy.cause as Error).message)).toBe('connect refused for enig_[redacted]')
  })

  it('leaves what IT needs to read alone, and survives cycles and bytes', () => {
    const plain = 'Import finished: 3 sites, 120 cookies, 14.2 MB to https://connect.webrun.ai/profiles (attempt 2)'
    expect(redact(plain)).toBe(plain)
    expect(redact('Update 0.2.0 found at https://updates.example.com/latest-linux.yml')).toBe(
      'Update 0.2.0 found at https://updates.example.com/latest-linux.yml'
    )
    expect(redact('key hint eni…7d3e')).toBe('key hint eni…7d3e')
    const looped: Record<string, unknown> = { name: 'loop', count: 3, ok: true }
    looped['self'] = looped
    expect(redact(looped)).toEqual({ name: 'loop', count: 3, ok: true, self: '[circular]' })
    expect(redact({ data: Buffer.alloc(5) })).toEqual({ data: '[5 bytes]' })
  })
})
