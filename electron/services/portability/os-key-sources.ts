import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { Platform } from '../os/paths'
import { dpapiUnprotect } from '../os/windows/dpapi'
import type { KeySources } from './key-sources'

const run = promisify(execFile)

/** The keyring "application" a Chromium fork keeps its Safe Storage password under, in the order to try. */
function keyringApplication(browserId: string): string[] {
  if (browserId.startsWith('chrome') || browserId === 'vivaldi') return ['chrome']
  if (browserId === 'brave') return ['brave', 'chrome']
  return ['chromium', 'chrome']
}

async function output(command: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run(command, args, { timeout: 60_000, maxBuffer: 1024 * 1024 })
    const trimmed = stdout.trim()
    return trimmed === '' ? undefined : trimmed
  } catch {
    return undefined
  }
}

/** The real OS calls: macOS `security`, Windows' CryptUnprotectData (directly, no shell), Linux `secret-tool` / `kwallet-query`. */
export function osKeySources(platform: Platform): KeySources {
  if (platform === 'darwin') {
    return { keychainPassword: (name) => output('security', ['find-generic-password', '-w', '-s', name]) }
  }
  if (platform === 'win32') return { dpapiUnprotect }
  return {
    keyringPasswords: async (name, browserId) => {
      const found: string[] = []
      for (const application of keyringApplication(browserId)) {
        const secret = await output('secret-tool', ['lookup', 'application', application])
        if (secret !== undefined) found.push(secret)
      }
      const folder = `${name.replace(' Safe Storage', '')} Keys`
      const kwallet = await output('kwallet-query', ['-r', name, '-f', folder, 'kdewallet'])
      if (kwallet !== undefined) found.push(kwallet)
      return found
    }
  }
}
