import { join } from 'node:path'
import { BrowserWindow, app, dialog, safeStorage, shell } from 'electron'
import type { ShellAdapters } from '../services/create-services'
import { encryptedFileSecretStore } from '../services/settings/secret-store'

/** The desktop's own pieces, handed to the plain-Node services. */
export function electronShellAdapters(dataDir: string): ShellAdapters {
  return {
    secrets: encryptedFileSecretStore(join(dataDir, 'secrets.json'), {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (encrypted) => safeStorage.decryptString(encrypted)
    }),
    async chooseSavePath(suggestedName) {
      const options = {
        title: 'Save profile archive',
        defaultPath: join(app.getPath('downloads'), suggestedName),
        buttonLabel: 'Save'
      }
      const window = BrowserWindow.getFocusedWindow()
      const result = window === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(window, options)
      return result.canceled || result.filePath === undefined ? undefined : result.filePath
    },
    showInFolder: (path) => shell.showItemInFolder(path)
  }
}
