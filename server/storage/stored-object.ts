/** One object in the twin's storage, as the state file keeps it. */
export interface StoredObject {
  bucket: string
  key: string
  size: number
  sha256: string
  md5: string
  contentType: string | undefined
  storedAt: number
}
