import { expect, it } from 'vitest'
import { predictionFor, receiptSites } from './prediction'
import { siteToCheck, sitesToCheck } from './site-address'
import type { Receipt } from '../../../shared/domain/receipt'

it('a site name opens at https://<site>/, a full address as given; each once', () => {
  expect(siteToCheck('Example.com')).toEqual({ site: 'example.com', url: 'https://example.com/' })
  expect(siteToCheck('http://mail.example.com:8080/inbox?x=1')).toEqual({
    site: 'http://mail.example.com:8080/inbox?x=1',
    url: 'http://mail.example.com:8080/inbox?x=1'
  })
  expect(sitesToCheck(['example.com', 'https://example.com/', 'example.org']).map((site) => site.url)).toEqual([
    'https://example.com/',
    'https://example.org/'
  ])
})

it.each([
  ['localhost', 'a name only this computer knows'],
  ['https://192.168.1.10/', 'a name only this computer knows'],
  ['ftp://example.com/', 'only web addresses'],
  ['https://ada:secret@example.com/', 'never sent'],
  ['example.com/inbox', 'not a site name'],
  ['not a site', 'not a site name or a web address']
])('refuses %s', (text, reason) => {
  expect(() => siteToCheck(text)).toThrow(reason)
})

it('predicts from the receipt: signed in where sign-ins moved, signed out where none did or nothing was sent', () => {
  const receipt = {
    choice: { mode: 'sites', sites: ['a.com', 'b.com'] },
    sites: [
      { site: 'b.com', cookies: 2 },
      { site: 'a.com', cookies: 1 }
    ],
    signIns: [
      { site: 'a.com', found: 1, moved: 1, via: ['disk'] },
      { site: 'b.com', found: 2, moved: 0, via: [], notMoved: { 'app-bound': 2 } }
    ]
  } as unknown as Receipt
  expect(predictionFor(receipt, 'https://mail.a.com/')).toBe('signed_in')
  expect(predictionFor(receipt, 'https://b.com/')).toBe('signed_out')
  expect(predictionFor(receipt, 'https://c.com/')).toBe('signed_out')
  expect(predictionFor(undefined, 'https://a.com/')).toBe('unknown')
  // Sites whose sign-ins travelled come first.
  expect(receiptSites(receipt)).toEqual(['a.com', 'b.com'])
})
