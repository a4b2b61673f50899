import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allowsPermission,
  isAppUrl,
  isLiveViewUrl,
  isSafeExternalUrl,
  isTrustedSender,
  resolveAppAsset,
  shouldBlockNavigation
} from './guards'

describe('isSafeExternalUrl', () => {
  it('allows plain https links', () => {
    expect(isSafeExternalUrl('https://hub.hcompany.ai/computer-use-agents/browser/profiles')).toBe(true)
  })
  it.each([
    'http://example.com',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://host/share',
    'https://user:pass@example.com',
    'not a url',
    42,
    undefined
  ])('refuses %s', (value) => {
    expect(isSafeExternalUrl(value)).toBe(false)
  })
})

describe('isLiveViewUrl', () => {
  it('allows https and the reference cloud on this computer', () => {
    expect(isLiveViewUrl('https://platform.hcompany.ai/sessions/1')).toBe(true)
    expect(isLiveViewUrl('http://127.0.0.1:8787/_reference/live/1')).toBe(true)
  })
  it.each(['http://example.com/live', 'http://user:pw@127.0.0.1/', 'file:///etc/passwd', 'javascript:alert(1)', 42])(
    'refuses %s',
    (value) => {
      expect(isLiveViewUrl(value)).toBe(false)
    }
  )
})

describe('isAppUrl', () => {
  it('accepts the packaged renderer and the dev server only', () => {
    expect(isAppUrl('app://porter/index.html')).toBe(true)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('https://porter/index.html')).toBe(false)
    expect(isAppUrl('file:///tmp/index.html')).toBe(false)
  })
})

describe('shouldBlockNavigation', () => {
  it('blocks leaving the single page, allows in-page hash changes', () => {
    expect(shouldBlockNavigation('https://example.com', 'app://porter/index.html')).toBe(true)
    expect(shouldBlockNavigation('app://porter/other.html', 'app://porter/index.html')).toBe(true)
    expect(shouldBlockNavigation('app://porter/index.html#x', 'app://porter/index.html')).toBe(false)
  })
})

describe('resolveAppAsset', () => {
  const root = '/opt/porter/renderer'
  it('maps the root and assets inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://porter/')).toBe(join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://porter/assets/index.js')).toBe(join(root, 'assets/index.js'))
  })
  it('keeps dot segments that URL parsing normalises inside the folder', () => {
    expect(resolveAppAsset(root, 'app://porter/../secret.txt')).toBe(join(root, 'secret.txt'))
    expect(resolveAppAsset(root, 'app://porter/%2e%2e/secret.txt')).toBe(join(root, 'secret.txt'))
  })
  it.each([
    'app://porter/assets/..%2f..%2fsecret.txt',
    'app://porter/..%5csecret.txt',
    'app://porter/%00',
    'app://other/index.html',
    'https://porter/index.html'
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull()
  })
})

describe('isTrustedSender', () => {
  const trusted = new Set([7])
  it('trusts only the main frame of our window on our origin', () => {
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://porter/index.html', isMainFrame: true }, trusted)).toBe(true)
    expect(isTrustedSender({ webContentsId: 8, frameUrl: 'app://porter/index.html', isMainFrame: true }, trusted)).toBe(false)
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'app://porter/index.html', isMainFrame: false }, trusted)).toBe(false)
    expect(isTrustedSender({ webContentsId: 7, frameUrl: 'https://evil.example', isMainFrame: true }, trusted)).toBe(false)
  })
})

describe('allowsPermission', () => {
  it('lets our own page write to the clipboard, and nothing else', () => {
    expect(allowsPermission('clipboard-sanitized-write', 'app://porter/index.html')).toBe(true)
    expect(allowsPermission('clipboard-sanitized-write', 'app://porter')).toBe(true)
    expect(allowsPermission('clipboard-sanitized-write', 'https://evil.example/')).toBe(false)
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal']) {
      expect(allowsPermission(permission, 'app://porter/index.html')).toBe(false)
    }
  })
})
