export interface HcompanyProfile {
  id: string
  user_id: string
  org_id: string
  name: string
  description: string | null
  browser_name: string
  browser_version: string
  s3_path: string
  file_size_bytes: number
  checksum: string
  usage_count: number
  last_used_at: string | null
  labels: Record<string, string>
  is_default: boolean
  created_at: string
  updated_at: string
  /** Internal: for newest-first ordering at sub-second precision. */
  createdMs: number
}

interface PendingUpload {
  profile_id: string
  org_id: string
  key: string
  fields: string[]
  createdMs: number
}

export interface HcompanyState {
  profiles: HcompanyProfile[]
  pending: PendingUpload[]
}

export const BUCKET = 'browser-profiles'
export const BROWSER_NAMES = ['chromium', 'firefox', 'webkit', 'selenium']
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
export const PENDING_LIFETIME_MS = 24 * 60 * 60 * 1000

export function publicProfile(profile: HcompanyProfile): Omit<HcompanyProfile, 'createdMs'> {
  const { createdMs: _createdMs, ...rest } = profile
  return rest
}
