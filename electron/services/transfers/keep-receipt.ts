import type { ConnectionKind } from '../../../shared/domain/connection'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Profile } from '../../../shared/domain/profile'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import type { ProfileArchive } from '../archive/create-archive'
import { plainFileError } from '../fs/plain-file-error'
import { receiptOf } from '../receipts/receipt-of'
import type { ReceiptStore } from '../receipts/receipt-store'

export interface ReceiptDeps {
  /** Where receipts are kept, and the connection they name; without it (tests, benches) none is written. */
  receipts?: {
    store: ReceiptStore
    connection: { id: string; name: string; kind: ConnectionKind }
    /** The account the profile was sent to (see accountLink), from the profile the service gave back. */
    account?(profile: Profile): Promise<string | undefined>
    now(): Date
  }
}

/**
 * Writes the receipt of an upload that went through. The upload is done whatever happens here: a
 * receipt that cannot be written is said in the job's notes, never turned into a failure.
 */
export async function keepReceipt(
  deps: ReceiptDeps,
  sent: {
    kind: 'import' | 'refresh'
    profile: Profile
    replacedProfileId?: string
    source: DetectedProfile
    choice: SiteChoice
    include?: IncludeOptions
    archive: ProfileArchive
  }
): Promise<{ receiptId?: string; notes?: string[] }> {
  if (deps.receipts === undefined) return {}
  const account = await deps.receipts.account?.(sent.profile)
  const receipt = receiptOf({
    kind: sent.kind,
    at: deps.receipts.now(),
    connection: { ...deps.receipts.connection, ...(account === undefined ? {} : { account }) },
    profile: { id: sent.profile.id, name: sent.profile.name },
    ...(sent.replacedProfileId === undefined ? {} : { replacedProfileId: sent.replacedProfileId }),
    source: sent.source,
    choice: sent.choice,
    ...(sent.include ? { include: sent.include } : {}),
    manifest: sent.archive.manifest,
    archive: sent.archive
  })
  try {
    await deps.receipts.store.write(receipt)
    return { receiptId: receipt.id }
  } catch (error) {
    const cause = plainFileError(error)?.message ?? 'it could not be written'
    return { notes: [`The upload went through, but its receipt was not saved: ${cause}`] }
  }
}
