import type { Platform } from '../os/paths'

/**
 * How a Chromium cookie value is protected, by its prefix (v10, v11, v20…) and the OS that wrote it. Only
 * `plain` and `linux-v10` can be read by a Linux cloud browser as they are.
 */
export type CookieScheme =
  'plain' | 'linux-v10' | 'linux-v11' | 'linux-v12' | 'macos-v10' | 'windows-v10' | 'windows-v20' | 'windows-dpapi' | 'unknown'

export function classifyCookie(encrypted: Uint8Array, sourceOs: Platform): CookieScheme {
  if (encrypted.length === 0) return 'plain'
  const prefix = Buffer.from(encrypted.subarray(0, 3)).toString('latin1')
  if (prefix === 'v10') return sourceOs === 'linux' ? 'linux-v10' : sourceOs === 'darwin' ? 'macos-v10' : 'windows-v10'
  if (prefix === 'v11' && sourceOs === 'linux') return 'linux-v11'
  if (prefix === 'v12' && sourceOs === 'linux') return 'linux-v12'
  if (prefix === 'v20' && sourceOs === 'win32') return 'windows-v20'
  if (sourceOs === 'win32' && encrypted[0] === 0x01 && encrypted[1] === 0x00) return 'windows-dpapi'
  return 'unknown'
}
