import { benchArchive } from './archive'
import { benchDetect } from './detect'
import { benchStorageUpload } from './storage-upload'
import { benchUpload } from './upload'

/** `npm run bench`: every benchmark in turn; figures, not pass/fail. */
const benches: Array<[string, () => Promise<void>]> = [
  ['detect', benchDetect],
  ['archive', benchArchive],
  ['storage upload', benchStorageUpload],
  ['client upload', benchUpload]
]

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
