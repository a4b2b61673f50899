/** What the check takes from H Company's session events: the pages opened, where the browser was, the live view. */
export interface EventNews {
  opening?: string
  /** The address the service's own observation recorded (the twin's `metadata.url`; the real keys are not documented). */
  observedUrl?: string
  liveViewUrl?: string
}

type Json = Record<string, unknown>
const record = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {})

export function newsOf(event: unknown): EventNews {
  const { type, data } = record(event) as { type?: unknown; data?: unknown }
  const payload = record(data)
  if (type === 'LiveViewUrlEvent' && typeof payload['live_view_url'] === 'string') return { liveViewUrl: payload['live_view_url'] }
  if (type !== 'AgentEvent') return {}
  if (payload['kind'] === 'policy_event' && Array.isArray(payload['tool_reqs'])) {
    const go = (payload['tool_reqs'] as unknown[]).map(record).find((request) => request['tool_name'] === 'go_to_web')
    const url = record(go?.['args'])['url']
    return typeof url === 'string' ? { opening: url } : {}
  }
  if (payload['kind'] === 'observation_event') {
    const metadata = record(payload['metadata'])
    const url = metadata['url'] ?? metadata['current_url'] ?? metadata['page_url']
    return typeof url === 'string' ? { observedUrl: url } : {}
  }
  return {}
}

/** Tokens used, from `usage_per_model`. */
export function tokensOf(status: unknown): number | undefined {
  const models = record(status)['usage_per_model']
  if (!Array.isArray(models) || models.length === 0) return undefined
  return models
    .map(record)
    .reduce(
      (sum, model) =>
        sum + Number(model['input_tokens'] ?? 0) + Number(model['output_tokens'] ?? 0) + Number(model['reasoning_tokens'] ?? 0),
      0
    )
}
