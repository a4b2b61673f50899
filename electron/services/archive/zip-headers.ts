import { MADE_BY_UNIX, MAX32, type ZipRecord } from './zip-record'

const TIMESTAMP_BYTES = 9

/** The "UT" extra field (0x5455) carries the modification time in whole seconds, when it fits 32 bits. */
function fitsTimestamp(mtimeMs: number): boolean {
  const seconds = Math.floor(mtimeMs / 1000)
  return seconds >= -(2 ** 31) && seconds < 2 ** 31
}

function writeTimestamp(target: Buffer, at: number, mtimeMs: number): void {
  target.writeUInt16LE(0x5455, at)
  target.writeUInt16LE(5, at + 2)
  target.writeUInt8(1, at + 4)
  target.writeInt32LE(Math.floor(mtimeMs / 1000), at + 5)
}

function writeZip64Extra(target: Buffer, at: number, values: number[]): void {
  if (values.length === 0) return
  target.writeUInt16LE(0x0001, at)
  target.writeUInt16LE(values.length * 8, at + 2)
  values.forEach((value, index) => target.writeBigUInt64LE(BigInt(value), at + 4 + index * 8))
}

/** A header's fixed part, its name and its extra fields (ZIP64 values, then the timestamp) in one buffer. */
function headerWith(fixed: number, record: ZipRecord, zip64Values: number[]): { header: Buffer; extraLength: number } {
  const zip64Length = zip64Values.length === 0 ? 0 : 4 + zip64Values.length * 8
  const extraLength = zip64Length + (fitsTimestamp(record.mtimeMs) ? TIMESTAMP_BYTES : 0)
  const header = Buffer.alloc(fixed + record.name.length + extraLength)
  record.name.copy(header, fixed)
  writeZip64Extra(header, fixed + record.name.length, zip64Values)
  if (extraLength > zip64Length) writeTimestamp(header, fixed + record.name.length + zip64Length, record.mtimeMs)
  return { header, extraLength }
}

export function localHeader(record: ZipRecord, streamed: boolean): Buffer {
  const { time, date } = record.dos
  const zip64Values = record.zip64 ? [streamed ? 0 : record.usize, streamed ? 0 : record.csize] : []
  const { header, extraLength } = headerWith(30, record, zip64Values)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(record.zip64 ? 45 : 20, 4)
  header.writeUInt16LE(record.flags, 6)
  header.writeUInt16LE(record.method, 8)
  header.writeUInt16LE(time, 10)
  header.writeUInt16LE(date, 12)
  header.writeUInt32LE(streamed ? 0 : record.crc, 14)
  header.writeUInt32LE(streamed ? 0 : record.zip64 ? MAX32 : record.csize, 18)
  header.writeUInt32LE(streamed ? 0 : record.zip64 ? MAX32 : record.usize, 22)
  header.writeUInt16LE(record.name.length, 26)
  header.writeUInt16LE(extraLength, 28)
  return header
}

export function centralHeader(record: ZipRecord): Buffer {
  const { time, date } = record.dos
  // In the ZIP64 extra field, in this order, only the values that do not fit 32 bits.
  const overflow = [record.usize, record.csize, record.offset].filter((value) => value >= MAX32)
  const { header, extraLength } = headerWith(46, record, overflow)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(MADE_BY_UNIX, 4)
  header.writeUInt16LE(overflow.length > 0 || record.zip64 ? 45 : 20, 6)
  header.writeUInt16LE(record.flags, 8)
  header.writeUInt16LE(record.method, 10)
  header.writeUInt16LE(time, 12)
  header.writeUInt16LE(date, 14)
  header.writeUInt32LE(record.crc >>> 0, 16)
  header.writeUInt32LE(Math.min(record.csize, MAX32), 20)
  header.writeUInt32LE(Math.min(record.usize, MAX32), 24)
  header.writeUInt16LE(record.name.length, 28)
  header.writeUInt16LE(extraLength, 30)
  header.writeUInt32LE(record.attributes >>> 0, 38)
  header.writeUInt32LE(Math.min(record.offset, MAX32), 42)
  return header
}

export function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const needs64 = count >= 0xffff || size >= MAX32 || offset >= MAX32
  const parts: Buffer[] = []
  if (needs64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(MADE_BY_UNIX, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(BigInt(count), 24)
    record.writeBigUInt64LE(BigInt(count), 32)
    record.writeBigUInt64LE(BigInt(size), 40)
    record.writeBigUInt64LE(BigInt(offset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(offset + size), 8)
    locator.writeUInt32LE(1, 16)
    parts.push(record, locator)
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(count, 0xffff), 8)
  end.writeUInt16LE(Math.min(count, 0xffff), 10)
  end.writeUInt32LE(Math.min(size, MAX32), 12)
  end.writeUInt32LE(Math.min(offset, MAX32), 16)
  parts.push(end)
  return Buffer.concat(parts)
}

/** CRC and sizes after a streamed entry's data, 64-bit when its local header announced ZIP64. */
export function dataDescriptor(record: ZipRecord): Buffer {
  const descriptor = Buffer.alloc(record.zip64 ? 24 : 16)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(record.crc >>> 0, 4)
  if (record.zip64) {
    descriptor.writeBigUInt64LE(BigInt(record.csize), 8)
    descriptor.writeBigUInt64LE(BigInt(record.usize), 16)
  } else {
    descriptor.writeUInt32LE(record.csize, 8)
    descriptor.writeUInt32LE(record.usize, 12)
  }
  return descriptor
}
