import { describe, expect, it } from 'vitest'
import { proxyFromPacResult } from './proxy-for'

describe('proxyFromPacResult', () => {
  it.each([
    ['DIRECT', undefined],
    ['PROXY proxy.corp:8080', 'http://proxy.corp:8080'],
    ['PROXY proxy.corp:8080; DIRECT', 'http://proxy.corp:8080'],
    ['HTTPS secure.corp:443', 'https://secure.corp:443'],
    ['SOCKS5 socks.corp:1080; PROXY proxy.corp:3128', 'http://proxy.corp:3128'],
    ['SOCKS5 socks.corp:1080; DIRECT', undefined],
    ['', undefined]
  ])('%s → %s', (answer, proxy) => {
    expect(proxyFromPacResult(answer)).toBe(proxy)
  })
})
