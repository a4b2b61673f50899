/** FastAPI / pydantic v2 style validation errors, as the real service returns them with 422. */
export interface ValidationIssue {
  type: string
  loc: Array<string | number>
  msg: string
  input: unknown
  ctx?: Record<string, unknown>
}

export class ValidationFailure extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('validation failed')
  }
}

export function parseIntQuery(
  raw: string | null,
  name: string,
  fallback: number,
  bounds: { ge: number; le?: number }
): number | ValidationIssue {
  if (raw === null) return fallback
  if (!/^-?\d+$/.test(raw.trim())) {
    return {
      type: 'int_parsing',
      loc: ['query', name],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: raw
    }
  }
  const value = Number(raw)
  if (value < bounds.ge) {
    return {
      type: 'greater_than_equal',
      loc: ['query', name],
      msg: `Input should be greater than or equal to ${bounds.ge}`,
      input: raw,
      ctx: { ge: bounds.ge }
    }
  }
  if (bounds.le !== undefined && value > bounds.le) {
    return {
      type: 'less_than_equal',
      loc: ['query', name],
      msg: `Input should be less than or equal to ${bounds.le}`,
      input: raw,
      ctx: { le: bounds.le }
    }
  }
  return value
}

export function uuidIssue(value: string, name = 'profile_id'): ValidationIssue {
  return {
    type: 'uuid_parsing',
    loc: ['path', name],
    msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]',
    input: value
  }
}

export interface CompleteBody {
  name: string
  browser_name: string
  browser_version: string
  description: string | null
  labels: Record<string, string>
}

function requiredString(body: Record<string, unknown>, name: string, issues: ValidationIssue[]): string {
  const value = body[name]
  if (value === undefined || value === null) {
    issues.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input: body })
  } else if (typeof value !== 'string') {
    issues.push({ type: 'string_type', loc: ['body', name], msg: 'Input should be a valid string', input: value })
  } else if (value.trim().length === 0) {
    issues.push({
      type: 'string_too_short',
      loc: ['body', name],
      msg: 'String should have at least 1 character',
      input: value,
      ctx: { min_length: 1 }
    })
  } else {
    return value
  }
  return ''
}

export function parseCompleteBody(raw: string, browserNames: string[]): CompleteBody {
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    throw new ValidationFailure([
      { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }
    ])
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailure([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body
      }
    ])
  }
  const record = body as Record<string, unknown>
  const issues: ValidationIssue[] = []
  const name = requiredString(record, 'name', issues)
  const browserName = requiredString(record, 'browser_name', issues)
  const browserVersion = requiredString(record, 'browser_version', issues)
  const description = record['description']
  if (description !== undefined && description !== null && typeof description !== 'string') {
    issues.push({ type: 'string_type', loc: ['body', 'description'], msg: 'Input should be a valid string', input: description })
  }
  const labels = record['labels'] ?? {}
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    issues.push({ type: 'dict_type', loc: ['body', 'labels'], msg: 'Input should be a valid dictionary', input: labels })
  } else {
    for (const [key, value] of Object.entries(labels)) {
      if (typeof value !== 'string') {
        issues.push({ type: 'string_type', loc: ['body', 'labels', key], msg: 'Input should be a valid string', input: value })
      }
    }
  }
  if (browserName !== '' && !browserNames.includes(browserName)) {
    issues.push({
      type: 'value_error',
      loc: ['body', 'browser_name'],
      msg: `Value error, Unsupported browser_name '${browserName}'. Supported: ${browserNames.join(', ')}`,
      input: browserName
    })
  }
  if (issues.length > 0) throw new ValidationFailure(issues)
  return {
    name,
    browser_name: browserName,
    browser_version: browserVersion,
    description: typeof description === 'string' ? description : null,
    labels: labels as Record<string, string>
  }
}
