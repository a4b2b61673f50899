import { describe, expect, it } from 'vitest'
import { PorterError } from '../../../shared/errors'
import { dispatch } from './dispatch'
import { stubHandlers } from '../../../test/support/stub-handlers'
import type { Handlers } from './handlers'

const silent = { error: () => undefined }
const context = { emit: () => undefined }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return stubHandlers({
    'app:getInfo': async () => ({ name: 'Profile Porter', version: '1.2.3', platform: 'linux', shell: 'bridge', keyStorage: 'session' }),
    'connections:list': async () => [],
    ...overrides
  })
}

describe('dispatch', () => {
  it('returns the handler result for a valid request', async () => {
    const result = await dispatch(handlers(), 'app:getInfo', undefined, context, silent)
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ version: '1.2.3' }) })
  })

  it('refuses channels outside the contract', async () => {
    const result = await dispatch(handlers(), 'fs:readFile', '/etc/passwd', context, silent)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('refuses input the schema does not allow, before the handler runs', async () => {
    let ran = false
    const result = await dispatch(
      handlers({
        'app:getInfo': async () => ((ran = true), { name: '', version: '', platform: 'linux', shell: 'bridge', keyStorage: 'session' })
      }),
      'app:getInfo',
      { sneaky: true },
      context,
      silent
    )
    expect(ran).toBe(false)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
  })

  it('passes a PorterError through as its plain data', async () => {
    const failing = handlers({
      'connections:list': async () => {
        throw new PorterError({ code: 'unauthorized', message: 'The API key was refused.', action: 'Check the key.' })
      }
    })
    const result = await dispatch(failing, 'connections:list', undefined, context, silent)
    expect(result).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'The API key was refused.', action: 'Check the key.', retryable: false }
    })
  })

  it('never lets a stack trace or internal message out', async () => {
    const logged: unknown[] = []
    const failing = handlers({
      'connections:list': async () => {
        throw new Error('ENOENT /home/alice/secret path')
      }
    })
    const result = await dispatch(failing, 'connections:list', undefined, context, { error: (_m, e) => logged.push(e) })
    expect(JSON.stringify(result)).not.toContain('alice')
    expect(JSON.stringify(result)).not.toContain('at ')
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(logged).toHaveLength(1)
  })

  it('checks every answer against the contract in development and tests: one out of contract is a bug, said as one', async () => {
    const logged: unknown[] = []
    const wrong = handlers({
      // A version that is a number, and no platform: what a handler drifting from the contract would send.
      'app:getInfo': async () => ({ name: 'Profile Porter', version: 123 }) as never
    })
    const result = await dispatch(wrong, 'app:getInfo', undefined, context, { error: (_m, e) => logged.push(e) })
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(String(logged[0])).toContain('The answer to app:getInfo is not what the contract says')
  })
})
