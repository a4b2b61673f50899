import { PorterError } from '../../../shared/errors'

/** Shows a failure as its plain cause and next step, never as raw data or a stack. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const cause = error instanceof PorterError ? error.message : 'Something went wrong.'
  const action = error instanceof PorterError ? error.action : 'Try again.'
  return (
    <div role="alert" className="error-notice">
      <p className="error-cause">{cause}</p>
      {action !== undefined && <p className="error-action">{action}</p>}
      {onRetry !== undefined && (
        <button type="button" className="btn" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  )
}
