import { benchArchive } from './archive'
import { benchCookieFile } from './cookie-file'
import { benchDetect } from './detect'
import { benchExtract } from './extract'
import { benchImport } from './import'
import { benchListPaint } from './list-paint'
import { benchRenderer } from './renderer'
import { benchSites } from './sites'
import { benchSnappyBomb } from './snappy-bomb'
import { benchStorageUpload } from './storage-upload'
import { benchUpload } from './upload'

/** `npm run bench`: every benchmark in turn; figures, not pass/fail. */
const benches: Array<[string, () => Promise<void>]> = [
  ['detect', benchDetect],
  ['sites', benchSites],
  ['archive', benchArchive],
  ['import', benchImport],
  ['extract', benchExtract],
  ['storage upload', benchStorageUpload],
  ['client upload', benchUpload],
  ['list paint', benchListPaint],
  ['renderer', benchRenderer],
  ['cookie file', benchCookieFile],
  ['snappy bomb', benchSnappyBomb]
]

/** The list-paint bench needs the built renderer: `npm run bench` builds it first. */
async function main(): Promise<void> {
  const only = process.argv[2]
  for (const [name, run] of benches) {
    if (only !== undefined && !name.includes(only)) continue
    await run()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
