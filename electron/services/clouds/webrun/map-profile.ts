import type { Profile, ProfileStatus } from '../../../../shared/domain/profile'

const STATUSES: ProfileStatus[] = ['empty', 'uploading', 'ready', 'failed']

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** WebRun's profile in the app's shape; an empty profile has no size, rather than a size of zero. */
export function fromWebrun(raw: Record<string, unknown>): Profile {
  const status = STATUSES.includes(raw['status'] as ProfileStatus) ? (raw['status'] as ProfileStatus) : 'ready'
  const blobSize = typeof raw['blobSize'] === 'number' && raw['blobSize'] > 0 ? raw['blobSize'] : undefined
  const optional: Partial<Profile> = {
    description: text(raw['description']),
    sizeBytes: status === 'empty' ? undefined : blobSize,
    usageCount: typeof raw['usageCount'] === 'number' ? raw['usageCount'] : undefined,
    lastUsedAt: text(raw['lastUsedAt']),
    createdAt: text(raw['createdAt']),
    updatedAt: text(raw['updatedAt']),
    owner: text(raw['userId'])
  }
  return {
    id: String(raw['_id']),
    name: String(raw['name'] ?? ''),
    status,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined))
  }
}
