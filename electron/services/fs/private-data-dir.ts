import type { Notices } from '../app/notices'
import type { Platform } from '../os/paths'
import { restrictToOwner } from '../os/windows/owner-only-acl'

/**
 * The data folder holds the library's archives, which carry logins: it is the person's alone.
 * Mode 0700 does that on macOS and Linux (ensurePrivateDir); Windows ignores mode bits, so there
 * the folder gets an access list for the signed-in user only, which what is inside inherits.
 */
export async function keepDataDirPrivate(dataDir: string, platform: Platform, notices?: Notices): Promise<void> {
  if (platform !== 'win32') return
  try {
    await restrictToOwner(dataDir)
  } catch (error) {
    notices?.push({
      id: 'data-dir-acl',
      tone: 'warning',
      message: `Profile Porter could not limit its data folder (${dataDir}) to your Windows account: ${(error as Error).message}.`,
      action: 'Its files keep the access Windows gave the folder; make sure only you can open it.'
    })
  }
}
