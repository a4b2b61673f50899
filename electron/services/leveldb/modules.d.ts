declare module 'crc-32/crc32c' {
  /** CRC-32C (Castagnoli) of the bytes, as a signed 32-bit number. */
  export function buf(data: Uint8Array, seed?: number): number
}

declare module 'snappyjs' {
  export function uncompress<T extends ArrayBuffer | Uint8Array>(compressed: T, maxLength?: number): T
  export function compress<T extends ArrayBuffer | Uint8Array>(uncompressed: T): T
}
