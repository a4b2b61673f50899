import { BrowserWindow, Notification } from 'electron'
import type { TransferJob, TransferProgress } from '../../shared/domain/transfer'
import type { TransferRunner } from '../services/transfers/transfer-runner'
import { notificationFor, taskbarProgress } from './transfer-signals'

/** Taskbar (Windows, Linux) or dock (macOS) progress while transfers run, and a notification when a long one ends. */
export function showTransfersOnDesktop(runner: TransferRunner): () => void {
  const progress = new Map<string, TransferProgress>()
  return runner.observe((event, payload) => {
    if (event === 'transfers:progress') {
      progress.set((payload as TransferProgress).jobId, payload as TransferProgress)
    } else {
      const job = payload as TransferJob
      if (job.status !== 'running') progress.delete(job.id)
      const note = notificationFor(job)
      const focused = BrowserWindow.getFocusedWindow() !== null
      if (note !== undefined && !focused && Notification.isSupported()) new Notification(note).show()
    }
    const value = taskbarProgress(runner.list(), progress)
    for (const window of BrowserWindow.getAllWindows()) window.setProgressBar(value, { mode: value === 2 ? 'indeterminate' : 'normal' })
  })
}
