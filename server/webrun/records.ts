export interface WebrunProfile {
  _id: string
  userId: string
  name: string
  description: string
  blobSize: number
  blobUploadedAt: string | null
  lastUsedAt: string | null
  usageCount: number
  status: 'empty' | 'uploading' | 'ready'
  createdAt: string
  updatedAt: string
  createdMs: number
}

export interface WebrunState {
  profiles: WebrunProfile[]
}

export const BLOB_BUCKET = 'webrun-blobs'
export const MAX_PROFILES = 20
export const MAX_UPLOAD_BYTES = 500 * 1024 * 1024
export const DOWNLOAD_URL_LIFETIME_MS = 60 * 60 * 1000

export function blobKey(profile: WebrunProfile): string {
  return `${profile.userId}/${profile._id}.tar.gz`
}

export function publicProfile(profile: WebrunProfile): Omit<WebrunProfile, 'createdMs'> {
  const { createdMs: _createdMs, ...rest } = profile
  return rest
}
