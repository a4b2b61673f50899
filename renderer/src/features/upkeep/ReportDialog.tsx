import { useMutation, useQuery } from '@tanstack/react-query'
import { ErrorNotice } from '../../app/ErrorNotice'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'

interface ReportDialogProps {
  open: boolean
  onOpenChange(open: boolean): void
}

/** Everything a report for IT would hold, shown in full, before anything is saved. */
export function ReportDialog({ open, onOpenChange }: ReportDialogProps) {
  const notify = useNotices((state) => state.push)
  // Made fresh each time the dialog opens, so the preview is the log as it is now.
  const preview = useQuery({
    queryKey: ['report-preview'],
    queryFn: () => porter.app.previewReport(),
    enabled: open,
    gcTime: 0,
    staleTime: 0
  })
  const save = useMutation({
    mutationFn: (id: string) => porter.app.saveReport({ id }),
    onSuccess: (path) => {
      if (path === null) return
      notify(`Report saved as ${path}.`)
      onOpenChange(false)
    }
  })
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Save a report for IT"
      description="This is everything the report holds. It has no cookies, no keys and nothing from your browser profiles — only what helps someone see what went wrong."
    >
      {preview.isError && <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />}
      {preview.isPending && <p className="muted">Gathering the report…</p>}
      {preview.data !== undefined && (
        <div className="report-files">
          {preview.data.files.map((file) => (
            <details key={file.name} className="report-file">
              <summary>{file.name}</summary>
              <pre tabIndex={0} aria-label={`Contents of ${file.name}`}>
                {file.text}
              </pre>
            </details>
          ))}
        </div>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
      <footer className="modal-actions">
        <button type="button" className="btn ghost" onClick={() => onOpenChange(false)}>
          Cancel
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={preview.data === undefined || save.isPending}
          onClick={() => preview.data !== undefined && save.mutate(preview.data.id)}
        >
          {save.isPending ? 'Saving…' : 'Save report…'}
        </button>
      </footer>
    </Modal>
  )
}
