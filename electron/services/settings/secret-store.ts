import { readFile } from 'node:fs/promises'
import { writeJsonAtomic } from '../clouds/local/atomic-json'

/** Where API keys live. Services never see how; the renderer never sees a key at all. */
export interface SecretStore {
  get(id: string): Promise<string | undefined>
  set(id: string, secret: string): Promise<void>
  delete(id: string): Promise<void>
}

export function memorySecretStore(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    get: async (id) => secrets.get(id),
    set: async (id, secret) => void secrets.set(id, secret),
    delete: async (id) => void secrets.delete(id)
  }
}

/** The OS's encryption (Electron safeStorage: Keychain, DPAPI, libsecret), passed in from the shell. */
export interface OsCipher {
  isAvailable(): boolean
  encrypt(plain: string): Buffer
  decrypt(encrypted: Buffer): string
}

/**
 * Keys encrypted by the OS, kept as base64 ciphertext in one file. Without OS encryption nothing
 * is stored: a key is never written in plaintext.
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
    async get(id) {
      const stored = (await read())[id]
      return stored === undefined ? undefined : cipher.decrypt(Buffer.from(stored, 'base64'))
    },
    async set(id, secret) {
      if (!cipher.isAvailable()) throw new Error('OS encryption is not available')
      await writeJsonAtomic(file, { ...(await read()), [id]: cipher.encrypt(secret).toString('base64') })
    },
    async delete(id) {
      const all = await read()
      delete all[id]
      await writeJsonAtomic(file, all)
    }
  }
}
