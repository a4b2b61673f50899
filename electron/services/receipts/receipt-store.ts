import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { ReceiptCheck } from '../../../shared/domain/check'
import { Receipt } from '../../../shared/domain/receipt'
import { ensurePrivateDir, writeJsonAtomic } from '../fs/private-files'
import { textOrder } from '../../../shared/text-order'

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** Which receipts a list is for: a profile, at an account (a connection's link; its local id for receipts older than links). */
export interface ReceiptFilter {
  connectionId?: string
  account?: string
  profileId?: string
}

function atConnection(receipt: Receipt, filter: ReceiptFilter): boolean {
  if (filter.account !== undefined && receipt.connection.account !== undefined) return receipt.connection.account === filter.account
  return filter.connectionId === undefined || receipt.connection.id === filter.connectionId
}

/** Receipts as owner-only files in the app's data folder, one per upload, named so they sort by time. */
export class ReceiptStore {
  constructor(private readonly dir: string) {}

  async write(receipt: Receipt): Promise<void> {
    ensurePrivateDir(this.dir)
    await writeJsonAtomic(join(this.dir, `${receipt.at.replace(/[:.]/g, '-')}-${receipt.id}.json`), receipt)
  }

  /** Keeps a check in the cloud with the receipt of the upload it checked (the latest twenty). */
  async addCheck(receipt: Receipt, check: ReceiptCheck): Promise<void> {
    await this.write({ ...receipt, cloudChecks: [...(receipt.cloudChecks ?? []), check].slice(-20) })
  }

  /** Newest first; a file that is damaged or from a newer version is passed over, never deleted. */
  async list(filter: ReceiptFilter = {}): Promise<Receipt[]> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((name) => name.endsWith('.json'))
    const receipts: Receipt[] = []
    for (const name of names) {
      const parsed = Receipt.safeParse(await readJson(join(this.dir, name)))
      if (!parsed.success) continue
      const receipt = parsed.data
      if (!atConnection(receipt, filter)) continue
      if (filter.profileId !== undefined && receipt.profile.id !== filter.profileId) continue
      receipts.push(receipt)
    }
    return receipts.sort((a, b) => textOrder(b.at, a.at))
  }

  /** Where a profile came from: its latest receipt, if this computer made it. */
  async latestFor(at: Omit<ReceiptFilter, 'profileId'>, profileId: string): Promise<Receipt | undefined> {
    return (await this.list({ ...at, profileId }))[0]
  }
}
