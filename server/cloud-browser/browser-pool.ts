/** The twin's browsers: how many may run at once, and which program runs them (none: sessions fail as at a busy service). */
export interface BrowserSettings {
  executable?: string
  /** `--host-resolver-rules` entries, e.g. `MAP mail.example.com 127.0.0.1`; everything else stays unreachable. */
  hostRules?: string[]
  extraArgs?: string[]
  pageTimeoutMs?: number
}

/** Hands out browser slots; `take` says no when every slot is in use or there is no browser at all. */
export class BrowserPool {
  private used = 0

  constructor(
    readonly settings: BrowserSettings,
    /** How many browsers may run at once (changeable at run time: tests take them all away). */
    private readonly limit: () => number
  ) {}

  get available(): boolean {
    return this.settings.executable !== undefined && this.used < this.limit()
  }

  get open(): number {
    return this.used
  }

  take(): (() => void) | undefined {
    if (!this.available) return undefined
    this.used += 1
    let released = false
    return () => {
      if (released) return
      released = true
      this.used -= 1
    }
  }
}
