import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { IncludeOptions } from '../../../shared/domain/sites'
import { keepSitesInLocalStorage } from '../sites/keep-local-storage'
import { keepSitesInHistory, keepSitesInWebData } from '../sites/keep-sites'
import type { SiteFilter } from '../sites/site-filter'
import type { FileTable } from './file-table'
import type { Work } from './rewrite-work'

/**
 * With chosen sites, the stores kept across sites that travel when asked (History, autofill) and
 * Local Storage, narrowed to the chosen sites. A store that cannot be read stays here, said in a note.
 */
export async function narrowSiteStores(
  work: Work,
  files: FileTable,
  options: { prefix: string; include: IncludeOptions },
  sites: SiteFilter
): Promise<void> {
  const history = options.include.history === true ? await work.take('History', 'History') : undefined
  await work.narrow('History', history, 'History', (copy) => keepSitesInHistory(copy, sites))
  const webData = options.include.autofill === true ? await work.take('Web Data', 'Web Data') : undefined
  await work.narrow('Web Data', webData, 'Autofill', (copy) => keepSitesInWebData(copy, sites))
  const localStorage = 'Local Storage/leveldb'
  if (!files.dirs.includes(localStorage)) return
  const rewritten = join(work.dir, 'Local Storage')
  work.rewrites.droppedFolders.push(`${options.prefix}${localStorage}/`)
  try {
    await keepSitesInLocalStorage(join(work.profile.profileDir, 'Local Storage', 'leveldb'), rewritten, sites)
    for (const name of await readdir(rewritten)) await work.add(`${options.prefix}${localStorage}/${name}`, join(rewritten, name))
  } catch {
    // A store that cannot be read cannot be narrowed to the chosen sites: none of it travels.
    work.note('Local Storage could not be read (it looks damaged), so it stayed on this computer; sign-in cookies travel as usual.')
  }
}
