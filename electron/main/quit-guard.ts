import type { TransferJob } from '../../shared/domain/transfer'

export interface QuitQuestion {
  message: string
  detail: string
  buttons: [quit: string, stay: string]
}

/** What to ask before quitting while transfers or checks in the cloud run; nothing to ask when none does. */
export function quitQuestion(jobs: TransferJob[], checks = 0): QuitQuestion | undefined {
  const running = jobs.filter((job) => job.status === 'running')
  if (running.length === 0 && checks > 0) return checkQuestion(checks)
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

/** A check's session costs until it ends: quitting stops it at the service first. */
function checkQuestion(checks: number): QuitQuestion {
  return {
    message:
      checks > 1
        ? `${checks} checks in the cloud are running — stop them and quit?`
        : 'A check in the cloud is running — stop it and quit?',
    detail: 'Quitting stops the check and ends its session at the service. Your profile is left as it was.',
    buttons: [checks > 1 ? 'Stop them and quit' : 'Stop it and quit', 'Keep it running']
  }
}
