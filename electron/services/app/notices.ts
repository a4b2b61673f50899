import type { AppNotice } from '../../../shared/domain/notice'

/** Notices gathered at start-up (settings moved aside, leftovers cleaned); the window takes each once. */
export class Notices {
  private pending: AppNotice[] = []

  push(notice: AppNotice): void {
    this.pending.push(notice)
  }

  take(): AppNotice[] {
    const taken = this.pending
    this.pending = []
    return taken
  }
}
