import { createCipheriv, createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto'

/**
 * Chromium's cookie and password encryption, no more: Linux and macOS use AES-128-CBC (IV of 16
 * spaces) with a PBKDF2-SHA1 key salted "saltysalt", Windows AES-256-GCM with a random key.
 */
const SALT = 'saltysalt'
const IV = Buffer.alloc(16, 0x20)

/** Linux: the keyring password (or "peanuts" without one), one PBKDF2 round. */
export function linuxKey(password: string): Buffer {
  return pbkdf2Sync(password, SALT, 1, 16, 'sha1')
}

/** macOS: the Keychain's "<Browser> Safe Storage" password, 1003 rounds. */
export function macKey(password: string): Buffer {
  return pbkdf2Sync(password, SALT, 1003, 16, 'sha1')
}

/** What any Linux Chromium reads with `--password-store=basic` (Playwright's default). */
export const PORTABLE_KEY = linuxKey('peanuts')

export function decryptCbc(key: Buffer, encrypted: Buffer): Buffer {
  const decipher = createDecipheriv('aes-128-cbc', key, IV)
  return Buffer.concat([decipher.update(encrypted.subarray(3)), decipher.final()])
}

export function encryptCbc(key: Buffer, plain: Buffer, prefix = 'v10'): Buffer {
  const cipher = createCipheriv('aes-128-cbc', key, IV)
  return Buffer.concat([Buffer.from(prefix), cipher.update(plain), cipher.final()])
}

/** Windows v10: `v10` ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag, AES-256-GCM. */
export function decryptGcm(key: Buffer, encrypted: Buffer): Buffer {
  const nonce = encrypted.subarray(3, 15)
  const tag = encrypted.subarray(encrypted.length - 16)
  const decipher = createDecipheriv('aes-256-gcm', key, nonce)
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(encrypted.subarray(15, encrypted.length - 16)), decipher.final()])
}

export function encryptGcm(key: Buffer, plain: Buffer, nonce: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  const body = Buffer.concat([cipher.update(plain), cipher.final()])
  return Buffer.concat([Buffer.from('v10'), nonce, body, cipher.getAuthTag()])
}

/** Cookie databases of version 24 and later prefix each plaintext with SHA-256 of its host. */
export function hostHash(host: string): Buffer {
  return createHash('sha256').update(host).digest()
}
