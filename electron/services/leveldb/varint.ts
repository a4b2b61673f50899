/** LevelDB's little-endian base-128 numbers, and length-prefixed byte strings. */
export class Cursor {
  constructor(
    readonly data: Buffer,
    public at = 0
  ) {}

  get done(): boolean {
    return this.at >= this.data.length
  }

  varint(): number {
    let value = 0
    let scale = 1
    for (;;) {
      const byte = this.data[this.at++]
      if (byte === undefined) throw new Error('varint runs past the end')
      value += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) return value
      scale *= 128
      if (scale > 2 ** 63) throw new Error('varint too long')
    }
  }

  bytes(length: number): Buffer {
    if (this.at + length > this.data.length) throw new Error('record runs past the end')
    const slice = this.data.subarray(this.at, this.at + length)
    this.at += length
    return slice
  }

  lengthPrefixed(): Buffer {
    return this.bytes(this.varint())
  }
}

export function varint(value: number): Buffer {
  const bytes: number[] = []
  let rest = value
  while (rest >= 0x80) {
    bytes.push((rest % 128) | 0x80)
    rest = Math.floor(rest / 128)
  }
  bytes.push(rest)
  return Buffer.from(bytes)
}

export function lengthPrefixed(data: Buffer): Buffer {
  return Buffer.concat([varint(data.length), data])
}
