import type { useCheckedSave } from './use-checked-save'

/** The form's two ways out: test what is typed, or save it (which tests it first). */
export function TestAndSave({
  check,
  canTest,
  save,
  saving
}: {
  check: ReturnType<typeof useCheckedSave>
  canTest: boolean
  save: string
  saving: string
}) {
  return (
    <footer className="modal-actions">
      <button type="button" className="btn" disabled={!canTest || check.testing} onClick={check.test}>
        {check.testing ? 'Testing…' : 'Test connection'}
      </button>
      <button type="submit" className="btn primary" disabled={check.saving || check.testing}>
        {check.saving ? saving : save}
      </button>
    </footer>
  )
}
