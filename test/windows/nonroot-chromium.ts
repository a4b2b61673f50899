import { execFileSync } from 'node:child_process'
import { chmod, chown, copyFile, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium, type BrowserContext } from '@playwright/test'
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium'

/** An ordinary account, as a cloud runs its browsers: nobody (our machines run tests as root). */
const NOBODY = { uid: 65534, gid: 65534 }
const asNobody = ['setpriv', `--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups']

/** A folder that account owns. */
async function nobodysFolder(path: string): Promise<string> {
  await mkdir(path, { recursive: true })
  await chown(path, NOBODY.uid, NOBODY.gid)
  return path
}

/** Unpacks an archive as that account would: with its own tar or unzip, so the modes inside are the ones that count. */
export async function extractAsNobody(archive: string, target: string): Promise<void> {
  const readable = join(target, '..', `${target.split('/').at(-1)}.download`)
  await copyFile(archive, readable)
  await chmod(readable, 0o644)
  await nobodysFolder(target)
  const tool = archive.endsWith('.zip') ? ['unzip', '-q', readable, '-d', target] : ['tar', '-xzf', readable, '-C', target]
  execFileSync(asNobody[0] as string, [...asNobody.slice(1), ...tool], { stdio: 'pipe' })
}

/** Debian's Chromium run by that account on a user-data folder, with a home of its own. */
export async function launchAsNobody(userDataDir: string, home: string, extraArgs: string[]): Promise<BrowserContext> {
  await nobodysFolder(home)
  const wrapper = join(home, '..', 'chromium-as-nobody')
  await writeFile(wrapper, `#!/bin/sh\nexec ${asNobody.join(' ')} env HOME=${home} ${CHROMIUM} "$@"\n`)
  await chmod(wrapper, 0o755)
  return chromium.launchPersistentContext(userDataDir, { executablePath: wrapper, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] })
}

/** The permission strings `tar -tv` / `zipinfo` print for every entry of an archive. */
export function entryModes(archive: string): Map<string, string> {
  const listing = archive.endsWith('.zip')
    ? execFileSync('zipinfo', ['-l', archive], { encoding: 'utf8' }).split('\n').slice(2, -2)
    : execFileSync('tar', ['-tvzf', archive], { encoding: 'utf8' }).trim().split('\n')
  const modes = new Map<string, string>()
  for (const line of listing) {
    const fields = line.trim().split(/\s+/)
    modes.set(fields.slice(archive.endsWith('.zip') ? 9 : 5).join(' '), fields[0] ?? '')
  }
  return modes
}
