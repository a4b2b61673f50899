import { join } from 'node:path'
import { BrowserWindow, app, dialog, safeStorage, session, shell } from 'electron'
import type { ShellAdapters } from '../services/service-facts'
import { systemProxy } from '../services/net/proxy-for'
import type { Platform } from '../services/os/paths'
import { encryptedFileSecretStore, memorySecretStore, type SecretStore } from '../services/settings/secret-store'
import { keysCanBeStored } from './key-storage'
import { openLiveView } from './security'

/** OS-encrypted keys where safeStorage truly encrypts; otherwise keys live for this session only. */
async function secretStore(dataDir: string, platform: Platform): Promise<SecretStore> {
  const available = await safeStorage.isAsyncEncryptionAvailable()
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'
  if (!keysCanBeStored({ platform, available, backend })) return memorySecretStore()
  return encryptedFileSecretStore(join(dataDir, 'secrets.json'), {
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result
  })
}

/** The desktop's own pieces, handed to the plain-Node services. Call after the app is ready. */
export async function electronShellAdapters(dataDir: string, platform: Platform): Promise<ShellAdapters> {
  return {
    secrets: await secretStore(dataDir, platform),
    // The system's proxy settings, PAC included, exactly as the OS would apply them to a browser.
    proxyFor: systemProxy((url) => session.defaultSession.resolveProxy(url)),
    async chooseSavePath(suggestedName, title = 'Save profile archive') {
      const options = {
        title,
        defaultPath: join(app.getPath('downloads'), suggestedName),
        buttonLabel: 'Save'
      }
      const window = BrowserWindow.getFocusedWindow()
      const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options)
      return result.canceled || result.filePath === undefined ? undefined : result.filePath
    },
    async chooseOpenPath(title, filters) {
      const options = { title, properties: ['openFile' as const], filters }
      const window = BrowserWindow.getFocusedWindow()
      const result = window === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(window, options)
      return result.canceled ? undefined : result.filePaths[0]
    },
    showInFolder: (path) => shell.showItemInFolder(path),
    openExternal: (url) => openLiveView(url)
  }
}
