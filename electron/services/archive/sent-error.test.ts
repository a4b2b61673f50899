import { describe, expect, it } from 'vitest'
import { PorterError } from '../../../shared/errors'
import { KeyUnavailable } from '../portability/key-sources'
import { LimitReached, receiveError, sendError } from './sent-error'

const across = (error: unknown) => receiveError(structuredClone(sendError(error)), () => new Error('the caller’s cap'))

describe('errors between the packing thread and its caller', () => {
  it('keeps what each kind means on the other side', () => {
    // A key Windows would not unlock is said per site in the report, so it must still be one after the crossing.
    const key = across(new KeyUnavailable('Windows would not unlock the cookie key: access denied'))
    expect(key).toBeInstanceOf(KeyUnavailable)
    expect(key.message).toBe('Windows would not unlock the cookie key: access denied')
    expect(across(new PorterError({ code: 'too_large', message: 'Too large.' }))).toMatchObject({
      code: 'too_large',
      message: 'Too large.'
    })
    expect(across(new LimitReached()).message).toBe('the caller’s cap')
    const system = across(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', path: '/tmp/x' }))
    expect(system).toMatchObject({ code: 'ENOSPC', path: '/tmp/x' })
    expect(system).not.toBeInstanceOf(KeyUnavailable)
  })
})
