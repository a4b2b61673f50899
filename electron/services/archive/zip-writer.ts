import { portableMode, type ArchiveEntry } from './entries'
import { CentralDirectory } from './central-directory'
import type { HashingFileSink } from './hashing-sink'
import { READ_AHEAD, readAhead } from './read-ahead'
import { ReusedDeflate } from './reused-deflate'
import { centralHeader, endOfCentralDirectory, localHeader } from './zip-headers'
import {
  DATA_DESCRIPTOR,
  MSDOS_DIRECTORY,
  STORED,
  S_IFDIR,
  S_IFREG,
  UTF8_NAMES,
  dosDateTime,
  streamedNeedsZip64,
  type ZipOptions,
  type ZipRecord
} from './zip-record'
import { prepareSmall, type Prepared } from './zip-small-entry'
import { writeStreamed } from './zip-streamed-entry'

/** Writes a zip of the entries, in order, with UTF-8 names, `/` separators, Unix modes and exact times. */
export async function writeZip(entries: Iterable<ArchiveEntry>, sink: HashingFileSink, options: ZipOptions = {}): Promise<void> {
  const directory = new CentralDirectory(sink.path)
  try {
    await writeEntries(entries, sink, directory, options)
    const start = sink.offset
    for await (const part of directory.parts()) await sink.write(part)
    await sink.write(endOfCentralDirectory(directory.count, sink.offset - start, start))
  } finally {
    await directory.dispose()
  }
}

/** The entries in order, small ones read and deflated a few files ahead of the one being written. */
async function writeEntries(
  entries: Iterable<ArchiveEntry>,
  sink: HashingFileSink,
  directory: CentralDirectory,
  options: ZipOptions
): Promise<void> {
  const level = options.level ?? 1
  const inline = new ReusedDeflate(level)
  const ahead = readAhead(entries, (_entry, data) => prepareSmall(data, level, inline), {
    window: READ_AHEAD.window,
    budgetBytes: READ_AHEAD.bytes,
    ...(options.signal ? { signal: options.signal } : {})
  })
  try {
    for await (const { entry, prepared } of ahead) await writeEntry(entry, prepared, sink, directory, level, options)
  } finally {
    inline.close()
  }
}

/** One entry's local header and data; its directory record goes to the directory for the end. */
async function writeEntry(
  entry: ArchiveEntry,
  prepared: Prepared | undefined,
  sink: HashingFileSink,
  directory: CentralDirectory,
  level: number,
  options: ZipOptions
): Promise<void> {
  const isDirectory = 'directory' in entry.source
  const record: ZipRecord = {
    name: Buffer.from(isDirectory ? `${entry.path}/` : entry.path, 'utf8'),
    flags: UTF8_NAMES,
    method: prepared?.method ?? STORED,
    mtimeMs: entry.mtimeMs,
    dos: dosDateTime(entry.mtimeMs),
    crc: prepared?.crc ?? 0,
    csize: prepared?.payload.length ?? 0,
    usize: prepared?.size ?? entry.size,
    offset: sink.offset,
    attributes: isDirectory
      ? (((S_IFDIR | portableMode(entry.mode, true)) << 16) | MSDOS_DIRECTORY) >>> 0
      : ((S_IFREG | portableMode(entry.mode, false)) << 16) >>> 0,
    zip64: false
  }
  if (prepared !== undefined || isDirectory) {
    await sink.write(localHeader(record, false))
    if (prepared !== undefined) {
      await sink.write(prepared.payload)
      options.onRead?.(prepared.size)
    }
  } else {
    record.flags |= DATA_DESCRIPTOR
    record.zip64 = streamedNeedsZip64(entry.size)
    await writeStreamed(record, entry, sink, level, options)
  }
  await directory.add(centralHeader(record))
}
