import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Profile } from '../../../../shared/domain/profile'
import * as z from 'zod'

export const ARCHIVE = 'profile.tar.gz'

export const StoredProfile = Profile.extend({ archive: z.string().optional() })
export type StoredProfile = z.infer<typeof StoredProfile>

/** A library entry whose record cannot be read: listed, named by its id, with why — never hidden. */
function damagedEntry(id: string, why: string): StoredProfile {
  return { id, name: `Damaged entry ${id.slice(0, 8)}`, status: 'failed', damaged: why }
}

/** The record of a library folder, or a damaged entry when it does not parse or does not describe this folder. */
export function parseRecord(id: string, text: string): StoredProfile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return damagedEntry(id, 'its record (meta.json) is not readable: the disk or a program damaged it')
  }
  const parsed = StoredProfile.safeParse(json)
  if (!parsed.success || parsed.data.id !== id) return damagedEntry(id, 'its record (meta.json) does not describe this profile')
  return parsed.data
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(file), hash)
  return hash.digest('hex')
}

/** A name still legible in the damaged record, if any: repair keeps what the person called it. */
function salvagedName(text: string): string | undefined {
  const quoted = /"name"\s*:\s*("(?:[^"\\\n]|\\.){1,200}")/.exec(text)?.[1]
  if (quoted === undefined) return undefined
  try {
    const name = (JSON.parse(quoted) as string).trim()
    return name === '' ? undefined : name.slice(0, 100)
  } catch {
    return undefined
  }
}

/**
 * A new record for a damaged entry from what its folder still holds: the archive (size and SHA-256
 * measured again), the name if it can still be read, the folder's date. Labels and description are lost.
 */
export async function rebuiltRecord(id: string, dir: string, now: string): Promise<StoredProfile> {
  const text = await readFile(join(dir, 'meta.json'), 'utf8').catch(() => '')
  const folder = await stat(dir)
  const archive = await stat(join(dir, ARCHIVE)).catch(() => undefined)
  const base = {
    id,
    name: salvagedName(text) ?? `Recovered profile ${folder.mtime.toISOString().slice(0, 10)}`,
    labels: {},
    createdAt: folder.mtime.toISOString(),
    updatedAt: now
  }
  if (archive?.isFile() !== true) return { ...base, status: 'empty' }
  return { ...base, status: 'ready', archive: ARCHIVE, sizeBytes: archive.size, checksum: await sha256Of(join(dir, ARCHIVE)) }
}
