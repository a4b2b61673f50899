import type { Platform } from '../services/os/paths'

/**
 * Whether safeStorage really protects keys here. On Linux without a keyring, Chromium falls back to
 * a password compiled into every copy of the browser (`basic_text`): that is not protection, so
 * the app keeps keys for this session only and says so, rather than pretend.
 */
export function keysCanBeStored(facts: { platform: Platform; available: boolean; backend: string }): boolean {
  if (!facts.available) return false
  return facts.platform !== 'linux' || !['basic_text', 'unknown'].includes(facts.backend)
}
