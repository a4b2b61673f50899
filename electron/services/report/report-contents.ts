import { arch, release } from 'node:os'
import type { AppInfo } from '../../../shared/domain/app'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { ReportPreview } from '../../../shared/domain/update'
import type { UpdateState } from '../../../shared/domain/update'
import { redact } from '../logging/redact'
import type { JournalEntry } from '../transfers/journal'
import { recentLog } from './recent-log'

export type ReportFile = ReportPreview['files'][number]

export interface ReportSources {
  appInfo: AppInfo
  now: () => Date
  detect(): Promise<DetectedProfile[]>
  transfers(): TransferJob[]
  /** Transfers an earlier run left unfinished (killed, or stopped by an error), still in the journal. */
  unfinished(): Promise<JournalEntry[]>
  updates(): UpdateState
  logFile: string | undefined
}

const readme = (at: string) =>
  [
    `A report from Profile Porter, made ${at}, for whoever helps with it.`,
    '',
    "- about.json: the app's version, the Electron, Chromium and Node versions, the operating system, and where updating stands.",
    '- browsers.json: the browsers found on this computer, by name, and how many profiles each has.',
    '- transfers.json: how the transfers of this session ended, and any an earlier run left unfinished.',
    "- log.txt: the most recent part of the app's log.",
    '',
    'Nothing from any browser profile is in it: no cookies, sites, history, profile names or e-mail addresses. ' +
      'No API keys, tokens or signed addresses either: every line went through the same redaction as the log.',
    ''
  ].join('\n')

/** Browser names only: how many profiles each has, never which. */
function browsers(profiles: DetectedProfile[]): Array<{ browser: string; profiles: number }> {
  const counts = new Map<string, number>()
  for (const profile of profiles) counts.set(profile.browserName, (counts.get(profile.browserName) ?? 0) + 1)
  return [...counts].map(([browser, count]) => ({ browser, profiles: count }))
}

/** A transfer's outcome without its title (which names a profile) or its files. */
function outcome(job: TransferJob) {
  return {
    kind: job.kind,
    status: job.status,
    phase: job.phase,
    attempt: job.attempt,
    startedAt: job.startedAt,
    ...(job.endedAt === undefined ? {} : { endedAt: job.endedAt }),
    bytesDone: job.bytesDone,
    ...(job.bytesTotal === undefined ? {} : { bytesTotal: job.bytesTotal }),
    ...(job.error === undefined ? {} : { error: job.error })
  }
}

const json = (value: unknown) => `${JSON.stringify(redact(value), null, 2)}\n`

/** The files of a report, in the order they are shown and zipped. */
export async function reportFiles(sources: ReportSources): Promise<ReportFile[]> {
  const at = sources.now().toISOString()
  const { name, version, shell, keyStorage, platform } = sources.appInfo
  const about = {
    generatedAt: at,
    app: { name, version, shell, keyStorage },
    versions: { electron: process.versions['electron'], chrome: process.versions['chrome'], node: process.versions.node },
    os: { platform, release: release(), arch: arch() },
    updates: sources.updates()
  }
  const unfinished = (await sources.unfinished()).map(({ startedAt, interruptedAt }) => ({
    startedAt,
    ...(interruptedAt === undefined ? {} : { interruptedAt })
  }))
  return [
    { name: 'README.txt', text: readme(at) },
    { name: 'about.json', text: json(about) },
    { name: 'browsers.json', text: json(browsers(await sources.detect().catch(() => []))) },
    { name: 'transfers.json', text: json({ thisSession: sources.transfers().map(outcome), unfinished }) },
    { name: 'log.txt', text: redact(await recentLog(sources.logFile)) }
  ]
}
