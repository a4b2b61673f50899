import type { ServiceKind } from '../../../shared/domain/preflight'
import { count } from '../../../shared/format'
import type { CliContext } from '../cli-context'
import { inTerminal } from '../terminal-words'
import { size, type Output } from '../output'
import type { PackChoice } from '../site-options'
import { UsageError } from '../usage'

const marks = { blocking: '✖', warning: '!', info: '·' }

export async function inspectCommand(
  context: CliContext,
  out: Output,
  args: { ref?: string; service?: string; pack?: PackChoice }
): Promise<void> {
  if (args.ref === undefined) throw new UsageError('Say which profile to inspect, e.g. porter inspect chrome:Default.')
  const kind = (args.service ?? 'local') as ServiceKind
  if (!['hcompany', 'webrun', 'local'].includes(kind)) throw new UsageError('--service is one of hcompany, webrun, local.')
  const profile = await context.profile(args.ref)
  const report = await context.services.browsers.preflight(args.ref, kind, args.pack)
  if (out.json) return out.document({ profile, ...report })
  out.print(`${profile.name} — ${profile.browserName}${profile.browserVersion ? ` ${profile.browserVersion}` : ''} (${profile.ref})`)
  out.print(
    `To send, after leaving caches out: ${size(report.size.uploadBytes)} in ${count(report.size.uploadFiles, 'file')}; packed, about ${size(report.packedBytes)}.`
  )
  for (const finding of report.findings) out.print(`${marks[finding.severity]} ${inTerminal(finding.message)}`)
  // A blocking finding is a failed check: scripts see it in the exit code.
  if (report.findings.some((finding) => finding.severity === 'blocking')) process.exitCode = 1
}
