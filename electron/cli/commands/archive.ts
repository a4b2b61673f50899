import { copyFile, rename, rm } from 'node:fs/promises'
import { formatBytes } from '../../../shared/format'
import { packInWorker } from '../../services/archive/pack-in-worker'
import { refuseIfRunning } from '../../services/browsers/refuse-if-running'
import { describeFileError } from '../../services/fs/plain-file-error'
import { summarise } from '../../services/portability/portability-report'
import { ProgressMeter } from '../../services/transfers/progress-meter'
import { cancelledAtCtrlC } from '../cancelled-at-ctrl-c'
import type { CliContext } from '../cli-context'
import { outTarget } from '../out-target'
import type { Output } from '../output'
import type { ProgressPrinter } from '../run-job'
import { checkChosenSites, type PackChoice } from '../site-options'
import { UsageError } from '../usage'

/** Moves the finished archive to where the person asked; across disks it is copied, and a failed copy leaves no part. */
async function deliver(file: string, target: string): Promise<void> {
  try {
    await rename(file, target)
  } catch {
    try {
      await copyFile(file, target)
    } catch (error) {
      await rm(target, { force: true })
      throw (await describeFileError(error, { path: target })) ?? error
    }
  }
}

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
  // The archive an upload would send: an upload refuses a profile its browser has open, so this does too.
  refuseIfRunning(profile)
  await checkChosenSites(context, args.ref, choice)
  // Where it goes is checked before packing starts: a missing folder costs nothing and leaves nothing.
  const target = await outTarget(args.out, { endings: { example: format === 'zip' ? 'profile.zip' : 'profile.tar.gz' }, replace: true })
  const controller = new AbortController()
  const interrupt = () => {
    printer.stop()
    process.stderr.write('\nCancelling…\n')
    controller.abort()
  }
  process.once('SIGINT', interrupt)
  const meter = new ProgressMeter(Date.now)
  let phase = ''
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
        if (event.phase !== phase) meter.reset()
        phase = event.phase
        printer.phase(event.phase)
        printer.progress({ jobId: 'archive', ...event, ...meter.add(event.bytesDone, event.bytesTotal) })
      }
    }).catch((error: unknown) => {
      // Ctrl-C: the packing thread has removed what it made, and nothing was written to the target yet.
      if (controller.signal.aborted) throw cancelledAtCtrlC()
      throw error
    })
    printer.stop()
    try {
      await deliver(archive.file, target)
    } finally {
      await archive.dispose()
    }
    if (out.json)
      return out.document({ file: target, format, sizeBytes: archive.sizeBytes, sha256: archive.sha256, manifest: archive.manifest })
    out.print(`Wrote ${target} (${formatBytes(archive.sizeBytes)}, sha256 ${archive.sha256}).`)
    if (archive.manifest.portability !== undefined) out.print(summarise(archive.manifest.portability))
  } finally {
    process.off('SIGINT', interrupt)
  }
}
