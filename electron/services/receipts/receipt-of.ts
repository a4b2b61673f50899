import { randomUUID } from 'node:crypto'
import type { ConnectionKind } from '../../../shared/domain/connection'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { Receipt } from '../../../shared/domain/receipt'
import { includedFor } from '../../../shared/domain/included-for'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import type { PorterManifest } from '../archive/manifest'

export interface Sent {
  kind: Receipt['kind']
  at: Date
  connection: { id: string; name: string; kind: ConnectionKind; account?: string }
  profile: { id: string; name: string }
  replacedProfileId?: string
  source: DetectedProfile
  choice: SiteChoice
  include?: IncludeOptions
  manifest: PorterManifest
  archive: { format: 'zip' | 'tgz'; sizeBytes: number; sha256: string }
}

/** The receipt of an upload, from what was asked and the archive's own manifest: counts and names, never values. */
export function receiptOf(sent: Sent): Receipt {
  const { manifest } = sent
  return {
    id: randomUUID(),
    kind: sent.kind,
    at: sent.at.toISOString(),
    connection: sent.connection,
    profile: sent.profile,
    ...(sent.replacedProfileId === undefined ? {} : { replacedProfileId: sent.replacedProfileId }),
    source: {
      ref: sent.source.ref,
      browser: sent.source.browserName,
      profile: sent.source.name,
      ...(sent.source.email === undefined ? {} : { email: sent.source.email })
    },
    choice: sent.choice,
    include: manifest.included ?? includedFor(sent.choice, sent.include, sent.source.family),
    sites: manifest.sites?.sent ?? [],
    leftOut: manifest.leftOut.map((item) => ({ reason: item.reason, count: item.count })),
    notes: manifest.notes ?? [],
    ...(manifest.cookies === undefined
      ? {}
      : {
          cookies: {
            total: manifest.cookies.total,
            byScheme: Object.fromEntries(Object.entries(manifest.cookies.byScheme).map(([scheme, count]) => [scheme, count ?? 0])),
            ...(manifest.portability === undefined ? {} : { moved: manifest.portability.moved })
          }
        }),
    ...(manifest.portability?.sites === undefined ? {} : { signIns: manifest.portability.sites }),
    archive: { format: sent.archive.format, bytes: sent.archive.sizeBytes, sha256: sent.archive.sha256 }
  }
}
