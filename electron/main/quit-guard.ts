import type { TransferJob } from '../../shared/domain/transfer'

export interface QuitQuestion {
  message: string
  detail: string
  buttons: [quit: string, stay: string]
}

/** What to ask before quitting while transfers run; nothing to ask when none does. */
export function quitQuestion(jobs: TransferJob[]): QuitQuestion | undefined {
  const running = jobs.filter((job) => job.status === 'running')
  if (running.length === 0) return undefined
  const [only] = running
  const message =
    running.length > 1
      ? `${running.length} transfers are running — cancel them and quit?`
      : only?.kind === 'download'
        ? 'A download is running — cancel it and quit?'
        : 'An upload is running — cancel it and quit?'
  return {
    message,
    detail:
      'Quitting cancels it: what it made so far, on this computer and at the service, is removed. Nothing you already had is touched.',
    buttons: [running.length > 1 ? 'Cancel them and quit' : 'Cancel it and quit', 'Keep it running']
  }
}
