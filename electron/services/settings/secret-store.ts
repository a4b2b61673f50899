import { readFile } from 'node:fs/promises'
import { writeJsonAtomic } from '../fs/private-files'

/** Where API keys live. Services never see how; the renderer never sees a key at all. */
export interface SecretStore {
  /**
   * os-encrypted: kept across restarts, encrypted by the OS. session: kept in memory until the
   * app closes (no safe storage here). none: never kept (the CLI reads keys from the environment).
   */
  readonly persistence: 'os-encrypted' | 'session' | 'none'
  get(id: string): Promise<string | undefined>
  set(id: string, secret: string): Promise<void>
  delete(id: string): Promise<void>
}

export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    persistence: 'session',
    get: async (id) => secrets.get(id),
    set: async (id, secret) => void secrets.set(id, secret),
    delete: async (id) => void secrets.delete(id)
  }
}

/** The OS's encryption (Electron safeStorage: Keychain, DPAPI, libsecret), passed in from the shell. */
export interface OsCipher {
  encrypt(plain: string): Promise<Buffer>
  decrypt(encrypted: Buffer): Promise<string>
}

/**
 * Keys encrypted by the OS, kept as base64 ciphertext in one owner-only file. The shell hands
 * this out only when the OS really encrypts (never Chromium's hard-coded Linux fallback).
 */
export function encryptedFileSecretStore(file: string, cipher: OsCipher): SecretStore {
  const read = async (): Promise<Record<string, string>> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Record<string, string>
    } catch {
      return {}
    }
  }
  return {
    persistence: 'os-encrypted',
    async get(id) {
      const stored = (await read())[id]
      return stored === undefined ? undefined : cipher.decrypt(Buffer.from(stored, 'base64'))
    },
    async set(id, secret) {
      await writeJsonAtomic(file, { ...(await read()), [id]: (await cipher.encrypt(secret)).toString('base64') })
    },
    async delete(id) {
      const all = await read()
      delete all[id]
      await writeJsonAtomic(file, all)
    }
  }
}
