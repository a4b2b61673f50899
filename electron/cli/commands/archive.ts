import { copyFile, rename } from 'node:fs/promises'
import { resolve } from 'node:path'
import { formatBytes } from '../../../shared/format'
import { packInWorker } from '../../services/archive/pack-in-worker'
import { summarise } from '../../services/portability/portability-report'
import type { CliContext } from '../cli-context'
import type { Output } from '../output'
import type { ProgressPrinter } from '../run-job'
import { checkChosenSites, type PackChoice } from '../site-options'
import { UsageError } from '../usage'

/** The same site choice, portability and archive an upload uses, written to a file of the person's choosing. */
export async function archiveCommand(
  context: CliContext,
  out: Output,
  printer: ProgressPrinter,
  args: { ref?: string; out?: string; format?: string; pack: () => PackChoice }
): Promise<void> {
  if (args.ref === undefined) throw new UsageError('Say which profile to archive, e.g. porter archive chrome:Default --out work.zip.')
  if (args.out === undefined) throw new UsageError('Say where to write the archive with --out FILE.')
  const format = args.format ?? (args.out.endsWith('.zip') ? 'zip' : 'tgz')
  if (format !== 'zip' && format !== 'tgz') throw new UsageError('--format is zip or tgz.')
  const { choice, include } = args.pack()
  const profile = await context.profile(args.ref)
  await checkChosenSites(context, args.ref, choice)
  const controller = new AbortController()
  const interrupt = () => controller.abort()
  process.once('SIGINT', interrupt)
  try {
    const archive = await packInWorker({
      profile,
      format,
      tempRoot: context.services.facts.tempRoot,
      sourceOs: context.services.facts.platform,
      choice,
      include,
      signal: controller.signal,
      makePortable: context.services.makePortable,
      onProgress: (event) => {
        printer.phase(event.phase)
        printer.progress({ jobId: 'archive', ...event })
      }
    })
    printer.stop()
    const target = resolve(args.out)
    await rename(archive.file, target).catch(() => copyFile(archive.file, target))
    await archive.dispose()
    if (out.json)
      return out.document({ file: target, format, sizeBytes: archive.sizeBytes, sha256: archive.sha256, manifest: archive.manifest })
    out.print(`Wrote ${target} (${formatBytes(archive.sizeBytes)}, sha256 ${archive.sha256}).`)
    if (archive.manifest.portability !== undefined) out.print(summarise(archive.manifest.portability))
  } finally {
    process.off('SIGINT', interrupt)
  }
}
