import * as z from 'zod'

export const ProfileStatus = z.enum(['empty', 'uploading', 'ready', 'failed'])
export type ProfileStatus = z.infer<typeof ProfileStatus>

/**
 * One profile kept by a service, in one shape whatever the service. A field the service does not
 * have stays absent — never a made-up zero.
 */
export const Profile = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  browser: z.string().optional(),
  browserVersion: z.string().optional(),
  status: ProfileStatus,
  sizeBytes: z.number().optional(),
  checksum: z.string().optional(),
  usageCount: z.number().optional(),
  lastUsedAt: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  isDefault: z.boolean().optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  /** Its record could not be read (the library's meta.json): why, in words. It can be repaired or deleted. */
  damaged: z.string().optional(),
  /** Who the service says owns it (H Company's organisation, WebRun's user): the account receipts link to. */
  owner: z.string().optional()
})
export type Profile = z.infer<typeof Profile>

export const Capabilities = z.object({
  canDownload: z.boolean(),
  canCreateEmpty: z.boolean(),
  hasLabels: z.boolean(),
  hasDefaults: z.boolean(),
  canEditLabels: z.boolean(),
  maxArchiveBytes: z.number().optional(),
  archiveFormat: z.enum(['zip', 'tgz']),
  /** Refreshing a profile keeps its id (its data is replaced); otherwise a new profile takes its place. */
  refreshKeepsId: z.boolean(),
  /** How many profiles an account may hold (WebRun: 20). */
  maxProfiles: z.number().optional()
})
export type Capabilities = z.infer<typeof Capabilities>

export const ProfileName = z.string().trim().min(1, 'Give the profile a name.').max(100, 'Names can be at most 100 characters.')
export const ProfileDescription = z.string().trim().max(500, 'Descriptions can be at most 500 characters.')
export const Labels = z.record(z.string().trim().min(1).max(64), z.string().max(256))
