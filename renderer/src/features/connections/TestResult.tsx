import { ErrorNotice } from '../../app/ErrorNotice'
import type { useCheckedSave } from './use-checked-save'

/** The answer of the last test, and "Save anyway" once the person has read why it failed. */
export function TestResult({ check, saveLabel }: { check: ReturnType<typeof useCheckedSave>; saveLabel: string }) {
  return (
    <>
      {check.result !== undefined && (
        <p role="status" className={check.result.ok ? 'test-ok' : 'error-cause'}>
          {check.result.message}
        </p>
      )}
      {check.error !== null && <ErrorNotice error={check.error} />}
      {check.canSaveAnyway && (
        <p className="notice">
          Saved like this, imports to it will fail until the key or address is right.{' '}
          <button type="button" className="btn" onClick={check.saveAnyway}>
            {saveLabel} anyway
          </button>
        </p>
      )}
    </>
  )
}
