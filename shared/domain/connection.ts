import * as z from 'zod'

export const ConnectionKind = z.enum(['local', 'hcompany', 'webrun'])
export type ConnectionKind = z.infer<typeof ConnectionKind>

export const Connection = z.object({
  id: z.string(),
  kind: ConnectionKind,
  name: z.string(),
  baseUrl: z.string().optional(),
  /** A masked hint such as "hk-…3f9a": the renderer never sees a key. */
  keyHint: z.string().optional()
})
export type Connection = z.infer<typeof Connection>

/** The built-in library is always present, so a new user can try everything without an account. */
export const LOCAL_CONNECTION_ID = 'local'
