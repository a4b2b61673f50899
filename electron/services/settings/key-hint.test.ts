import { describe, expect, it } from 'vitest'
import { keyHint } from './key-hint'

describe('keyHint', () => {
  it.each([
    ['hk-0123456789abcdefghijklmnopqrstuv', 'hk-0…stuv'],
    ['enig_live_4f1c2a9b7d3e', 'eni…7d3e'],
    ['enig_boot_secret_key', 'eni…key'],
    ['short-key', 's…ey'],
    ['abcd', '…d']
  ])('shows at most 4 + 4 characters of %s, and never more than a third of it', (key, hint) => {
    expect(keyHint(key)).toBe(hint)
    expect(hint.replace('…', '').length).toBeLessThanOrEqual(Math.min(8, key.length / 3))
  })

  it('never shows the long prefix some keys carry (28–30 characters before a dash)', () => {
    const key = 'organisation_workspace_production_0123456789abcdef'
    expect(keyHint(key)).toBe('orga…cdef')
  })
})
