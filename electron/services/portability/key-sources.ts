/**
 * How to get a profile's cookie key from this computer. Each source is an OS call, injected so
 * tests can hand in known keys and the app never needs a native module.
 */
export interface KeySources {
  /** macOS: the Keychain password of "<Browser> Safe Storage" (the OS may ask the person first). */
  keychainPassword?(safeStorageName: string): Promise<string | undefined>
  /** Windows: DPAPI-unwrap Local State's `os_crypt.encrypted_key` blob (after its "DPAPI" prefix); KeyUnavailable says why not. */
  dpapiUnprotect?(blob: Buffer): Promise<Buffer | undefined>
  /** Linux: passwords from the desktop keyring (GNOME, KWallet) for this browser. */
  keyringPasswords?(safeStorageName: string, browserId: string): Promise<string[]>
}

/** The OS would not hand out a profile's cookie key; the message says why, in plain words, for the person. */
export class KeyUnavailable extends Error {
  override readonly name = 'KeyUnavailable'
}
