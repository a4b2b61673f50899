import type { Profile } from '../../../../shared/domain/profile'

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

/** H Company's profile object in the app's one shape; H Company keeps only finished uploads, so all are ready. */
export function fromHcompany(raw: Record<string, unknown>): Profile {
  const labels = raw['labels']
  const optional: Partial<Profile> = {
    description: text(raw['description']),
    browser: text(raw['browser_name']),
    browserVersion: text(raw['browser_version']),
    sizeBytes: typeof raw['file_size_bytes'] === 'number' ? raw['file_size_bytes'] : undefined,
    checksum: text(raw['checksum']),
    usageCount: typeof raw['usage_count'] === 'number' ? raw['usage_count'] : undefined,
    lastUsedAt: text(raw['last_used_at']),
    labels: typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : undefined,
    isDefault: typeof raw['is_default'] === 'boolean' ? raw['is_default'] : undefined,
    createdAt: text(raw['created_at']),
    updatedAt: text(raw['updated_at']),
    owner: text(raw['org_id'])
  }
  return {
    id: String(raw['id']),
    name: String(raw['name'] ?? ''),
    status: 'ready',
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined))
  }
}
