import { access, mkdir } from 'node:fs/promises'
import { join, parse } from 'node:path'
import type { ShellAdapters } from '../services/service-facts'
import { PorterError } from '../../shared/errors'
import { memorySecretStore } from '../services/settings/secret-store'
import { isLiveViewUrl } from '../main/guards'

/**
 * The shell outside Electron (tests, `npm run web`): keys kept in memory only (never on disk,
 * since there is no OS encryption here), downloads saved into one folder under a free name.
 */
export function bridgeShellAdapters(downloadsDir: string, options: { onOpenAddress?(url: string): void } = {}): ShellAdapters {
  return {
    secrets: memorySecretStore(),
    async chooseSavePath(suggestedName) {
      await mkdir(downloadsDir, { recursive: true })
      const { name, ext } = parse(suggestedName)
      const base = ext === '.gz' ? { name: parse(name).name, ext: `${parse(name).ext}${ext}` } : { name, ext }
      for (let n = 1; ; n++) {
        const candidate = join(downloadsDir, n === 1 ? suggestedName : `${base.name} (${n})${base.ext}`)
        if (
          !(await access(candidate).then(
            () => true,
            () => false
          ))
        )
          return candidate
      }
    },
    async chooseOpenPath() {
      // A page in a browser cannot hand main a file from the person's disk through the bridge.
      throw new PorterError({
        code: 'invalid_input',
        message: 'Choosing a file works in the desktop app, not in the browser version.',
        action: 'Use the desktop app, or in a terminal: porter import <ref> --cookies FILE.'
      })
    },
    showInFolder: (path) => console.log(`Saved to ${path}`),
    // The bridge has no desktop to hand an address to: whoever started it is told (tests record it).
    openExternal: async (url) => {
      if (!isLiveViewUrl(url)) return false
      if (options.onOpenAddress !== undefined) options.onOpenAddress(url)
      else console.log(`Open this address in your browser: ${url}`)
      return true
    }
  }
}
