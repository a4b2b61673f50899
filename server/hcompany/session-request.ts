import { UUID_PATTERN } from '../http/ids'
import { ValidationFailure, type ValidationIssue } from './validation'

/** What the twin needs from a `POST /api/v2/sessions` body (OpenAPI `SessionRequest` + inline `Agent` + `Browser`). */
export interface SessionPlan {
  sites: string[]
  profileId?: string
  useDefaultProfile: boolean
  persist: boolean
  maxSteps: number | null
  maxTimeS: number | null
  idleTimeoutS: number | null
  queue: boolean
  /** `check`: the sign-in check's answer schema (the only one the twin can fill); `other`: any other schema. */
  answerFormat: 'check' | 'other' | 'none'
}

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Applies the documented dotted overrides the twin understands (`agent.answer_format`, `agent.environments[kind=web].<field>`). */
function withOverrides(agent: Json, overrides: Json): Json {
  const environments = Array.isArray(agent['environments']) ? [...(agent['environments'] as unknown[])] : []
  let web = environments.findIndex((env) => isObject(env) && (env['kind'] ?? 'web') === 'web')
  if (web < 0 && Object.keys(overrides).some((key) => key.startsWith('agent.environments[kind=web].'))) {
    environments.push({ id: 'browser', kind: 'web' })
    web = environments.length - 1
  }
  const result: Json = { ...agent, environments }
  for (const [path, value] of Object.entries(overrides)) {
    if (path === 'agent.answer_format') result['answer_format'] = value
    const field = /^agent\.environments\[kind=web\]\.(\w+)$/.exec(path)?.[1]
    if (field !== undefined && web >= 0) environments[web] = { ...(environments[web] as Json), [field]: value }
  }
  return result
}

function isCheckSchema(schema: unknown): boolean {
  const items = isObject(schema) && isObject(schema['properties']) ? (schema['properties'] as Json)['sites'] : undefined
  const fields = isObject(items) && isObject(items['items']) ? (items['items'] as Json)['properties'] : undefined
  return isObject(fields) && 'state' in fields && 'final_url' in fields
}

function messageText(messages: unknown): string {
  if (typeof messages === 'string') return messages
  if (isObject(messages)) return String(messages['message'] ?? '')
  return Array.isArray(messages) ? messages.map(messageText).join('\n') : ''
}

function numberField(
  body: Json,
  name: string,
  issues: ValidationIssue[],
  bound: { ge?: number; gt?: number; integer?: boolean }
): number | null {
  const value = body[name]
  if (value === undefined || value === null) return null
  if (typeof value !== 'number' || (bound.integer === true && !Number.isInteger(value))) {
    issues.push({
      type: bound.integer ? 'int_type' : 'float_type',
      loc: ['body', name],
      msg: `Input should be a valid ${bound.integer ? 'integer' : 'number'}`,
      input: value
    })
  } else if (bound.ge !== undefined && value < bound.ge) {
    issues.push({
      type: 'greater_than_equal',
      loc: ['body', name],
      msg: `Input should be greater than or equal to ${bound.ge}`,
      input: value,
      ctx: { ge: bound.ge }
    })
  } else if (bound.gt !== undefined && value <= bound.gt) {
    issues.push({
      type: 'greater_than',
      loc: ['body', name],
      msg: `Input should be greater than ${bound.gt}`,
      input: value,
      ctx: { gt: bound.gt }
    })
  } else return value
  return null
}

function modeIssue(mode: unknown, loc: Array<string | number>): ValidationIssue | undefined {
  // The OpenAPI has `{type: "text"|"visual", …}`; the hub docs and the Python SDK a plain string: both are taken.
  if (mode === undefined || mode === null) return undefined
  if (typeof mode === 'string' && ['visual', 'multimodal', 'text'].includes(mode)) return undefined
  if (isObject(mode) && (mode['type'] === 'text' || mode['type'] === 'visual')) return undefined
  return {
    type: 'union_tag_invalid',
    loc: [...loc, 'mode'],
    msg: "Input tag does not match any of the expected tags: 'visual', 'text'",
    input: mode
  }
}

/** Validates a session request the way the service's FastAPI model does (422 with a detail list), for what the twin uses. */
export function parseSessionRequest(body: unknown): SessionPlan {
  if (!isObject(body))
    throw new ValidationFailure([
      {
        type: 'model_attributes_type',
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        input: body
      }
    ])
  const issues: ValidationIssue[] = []
  const rawAgent = body['agent']
  if (rawAgent === undefined || rawAgent === null)
    issues.push({ type: 'missing', loc: ['body', 'agent'], msg: 'Field required', input: body })
  let agent: Json =
    typeof rawAgent === 'string' ? { name: rawAgent, environments: [{ id: 'browser', kind: 'web' }] } : isObject(rawAgent) ? rawAgent : {}
  if (isObject(rawAgent)) {
    for (const field of ['name', 'description', 'environments'])
      if (rawAgent[field] === undefined)
        issues.push({ type: 'missing', loc: ['body', 'agent', field], msg: 'Field required', input: rawAgent })
  }
  if (isObject(body['overrides'])) agent = withOverrides(agent, body['overrides'] as Json)
  const environments = Array.isArray(agent['environments']) ? (agent['environments'] as unknown[]) : []
  const webIndex = environments.findIndex((env) => isObject(env) && (env['kind'] ?? 'web') === 'web')
  const web = (environments[webIndex] ?? {}) as Json
  const loc = ['body', 'agent', 'environments', webIndex]
  const profileId = web['browser_profile_id']
  if (profileId !== undefined && profileId !== null && (typeof profileId !== 'string' || !UUID_PATTERN.test(profileId)))
    issues.push({ type: 'uuid_parsing', loc: [...loc, 'browser_profile_id'], msg: 'Input should be a valid UUID', input: profileId })
  const useDefault = web['use_default_browser_profile'] === true
  const persist = web['persist_browser_profile'] === true
  const hasProfile = typeof profileId === 'string'
  if (useDefault && hasProfile)
    issues.push({
      type: 'value_error',
      loc,
      msg: 'Value error, browser_profile_id and use_default_browser_profile are mutually exclusive',
      input: web
    })
  if (persist && !hasProfile && !useDefault)
    issues.push({
      type: 'value_error',
      loc,
      msg: 'Value error, persist_browser_profile requires browser_profile_id or use_default_browser_profile',
      input: web
    })
  const mode = modeIssue(web['mode'], loc)
  if (mode !== undefined) issues.push(mode)
  const maxSteps = numberField(body, 'max_steps', issues, { ge: 1, integer: true })
  const maxTimeS = numberField(body, 'max_time_s', issues, { gt: 0 })
  const idleTimeoutS = numberField(body, 'idle_timeout_s', issues, { gt: 0, integer: true })
  numberField(body, 'delete_after_min', issues, { ge: 1, integer: true })
  numberField(body, 'delete_screenshot_after_min', issues, { ge: 1, integer: true })
  if (issues.length > 0) throw new ValidationFailure(issues)
  const urls = [
    ...(typeof web['start_url'] === 'string' ? [web['start_url']] : []),
    ...(messageText(body['messages']).match(/https?:\/\/[^\s"'<>]+/g) ?? [])
  ]
  const answerFormat = agent['answer_format']
  return {
    sites: [...new Set(urls)],
    ...(hasProfile ? { profileId: (profileId as string).toLowerCase() } : {}),
    useDefaultProfile: useDefault,
    persist: persist || useDefault,
    maxSteps,
    maxTimeS,
    idleTimeoutS,
    queue: body['queue'] !== false,
    answerFormat: answerFormat === undefined || answerFormat === null ? 'none' : isCheckSchema(answerFormat) ? 'check' : 'other'
  }
}
