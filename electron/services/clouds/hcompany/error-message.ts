/** H Company answers `{detail: "…"}`, `{detail: [{loc, msg}]}` (422) or, from its gateway, `{message}`. */
export function hcompanyErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.length < 300 ? body : undefined
  const record = body as { detail?: unknown; message?: unknown }
  if (typeof record.detail === 'string') return record.detail
  if (Array.isArray(record.detail)) {
    return record.detail
      .map((issue: { loc?: unknown[]; msg?: unknown }) => {
        const field = Array.isArray(issue.loc) ? issue.loc.filter((part) => part !== 'body' && part !== 'query').join('.') : ''
        return field === '' ? String(issue.msg) : `${field}: ${String(issue.msg)}`
      })
      .join('; ')
  }
  return typeof record.message === 'string' ? record.message : undefined
}
