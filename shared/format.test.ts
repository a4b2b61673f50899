import { describe, expect, it } from 'vitest'
import { count, formatBytes, noun } from './format'

describe('counts in sentences', () => {
  it('chooses the noun by the plural rules, never "1 cookies" or "0 cookie"', () => {
    expect([0, 1, 2, 21].map((n) => count(n, 'cookie'))).toEqual(['0 cookies', '1 cookie', '2 cookies', '21 cookies'])
    expect([999, 1000, 6333, 1_234_567].map((n) => count(n, 'file'))).toEqual([
      '999 files',
      '1,000 files',
      '6,333 files',
      '1,234,567 files'
    ])
    expect(count(1, 'entry', 'entries')).toBe('1 entry')
    expect(count(3, 'entry', 'entries')).toBe('3 entries')
    expect([1, 4].map((n) => `${count(n, 'cookie')} ${noun(n, 'is', 'are')} locked`)).toEqual([
      '1 cookie is locked',
      '4 cookies are locked'
    ])
  })

  it('says bytes the same way', () => {
    expect([formatBytes(1), formatBytes(0), formatBytes(900)]).toEqual(['1 byte', '0 bytes', '900 bytes'])
    // A speed (bytes over seconds) is seldom whole: said in whole bytes, as a person reads it.
    expect([formatBytes(885.3754940711462), formatBytes(0.6)]).toEqual(['885 bytes', '1 byte'])
  })
})
