import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLog, logLevelFrom } from './logger'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porter-log-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

describe('the log file', () => {
  it('writes owner-only lines at the chosen level and above, each with a time and its level, secrets redacted', async () => {
    const file = join(dir, 'logs', 'main.log')
    const log = createLog({ file, level: 'info' })
    log.debug('not written at info')
    log.info('Import finished', { service: 'webrun', headers: { authorization: 'Bearer enig_live_4f1c2a9b7d3e' } })
    log.warn('H Company refused hk-8f3a9c2e71d04b5a96e0')
    log.error('Upload failed', new Error('POST https://storage.example.com/bucket?X-Amz-Signature=abcdef0123 failed'))
    const text = await readFile(file, 'utf8')
    expect(text).not.toContain('not written')
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\] {2}Import finished/m)
    expect(text).toContain('[warn]  H Company refused hk-[redacted]')
    expect(text).toContain('[error] Upload failed')
    for (const secret of ['4f1c2a9b7d3e', '8f3a9c2e71d04b5a96e0', 'abcdef0123']) expect(text).not.toContain(secret)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    expect((await stat(join(dir, 'logs'))).mode & 0o777).toBe(0o700)
  })

  it('rotates at its size into one .old.log, so at most twice the size is kept', async () => {
    const file = join(dir, 'main.log')
    const log = createLog({ file, maxBytes: 2000 })
    for (let line = 0; line < 60; line += 1) log.info(`line ${line} ${'x'.repeat(80)}`)
    expect((await readdir(dir)).sort()).toEqual(['main.log', 'main.old.log'])
    expect((await stat(file)).size).toBeLessThanOrEqual(2200)
    expect(await readFile(file, 'utf8')).toContain('line 59')
  })

  it('writes nothing anywhere without a file (the CLI without --log-file), or where no folder can be made', async () => {
    createLog().error('nowhere')
    await writeFile(join(dir, 'data'), 'a file where the data folder should be')
    const blocked = createLog({ file: join(dir, 'data', 'logs', 'main.log') })
    blocked.error('cannot be written')
    expect(blocked.file).toBeUndefined()
    expect(await readdir(dir)).toEqual(['data'])
  })

  it('takes its level from PORTER_LOG_LEVEL, info otherwise', () => {
    expect(logLevelFrom({ PORTER_LOG_LEVEL: 'DEBUG' })).toBe('debug')
    expect(logLevelFrom({ PORTER_LOG_LEVEL: 'verbose' })).toBe('info')
    expect(logLevelFrom({})).toBe('info')
  })
})
