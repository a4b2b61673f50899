import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import { ErrorNotice } from '../../app/ErrorNotice'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useTransfersStore } from '../../state/transfers-store'
import { DetailsStep, type ImportDetails } from './DetailsStep'
import { PickStep } from './PickStep'
import { ProgressStep } from './ProgressStep'
import { ReviewStep, usePreflight } from './ReviewStep'

const titles = ['Choose a browser profile', 'Name it', 'Check and confirm', 'Importing']

function shortBrowser(name: string): string {
  return name.replace(/^Google /, '').replace(/^Microsoft /, '')
}

function Review({ profile, connection, details, onConfirm, onBack, starting }: { profile: DetectedProfile; connection: Connection; details: ImportDetails; onConfirm(): void; onBack(): void; starting: boolean }) {
  const report = usePreflight(profile, connection)
  const blocked = report.data?.findings.some((finding) => finding.severity === 'blocking') ?? true
  return (
    <>
      <ReviewStep profile={profile} connection={connection} name={details.name} report={report} />
      <footer className="modal-actions">
        <button type="button" className="btn ghost" onClick={onBack}>
          Back
        </button>
        <button type="button" className="btn" onClick={() => void report.refetch()}>
          Check again
        </button>
        <button type="button" className="btn primary" disabled={blocked || starting} onClick={onConfirm}>
          Confirm and import
        </button>
      </footer>
    </>
  )
}

/** Import from this computer, in four steps a person can follow without a manual. */
export function ImportWizard({ connection, hasLabels, onClose }: { connection: Connection; hasLabels: boolean; onClose(): void }) {
  const [step, setStep] = useState(0)
  const [profile, setProfile] = useState<DetectedProfile>()
  const [details, setDetails] = useState<ImportDetails>({ name: '', description: '', labels: [] })
  const [jobId, setJobId] = useState<string>()
  const job = useTransfersStore((state) => (jobId === undefined ? undefined : state.jobs[jobId]))
  const upsert = useTransfersStore((state) => state.upsert)
  const start = useMutation({
    mutationFn: () =>
      porter.transfers.startImport({
        connectionId: connection.id,
        ref: profile?.ref ?? '',
        name: details.name,
        ...(details.description.trim() === '' ? {} : { description: details.description }),
        ...(hasLabels ? { labels: Object.fromEntries(details.labels.filter((l) => l.key.trim() !== '').map((l) => [l.key.trim(), l.value])) } : {})
      }),
    onSuccess: (started) => {
      upsert(started)
      setJobId(started.id)
      setStep(3)
    }
  })
  const choose = (chosen: DetectedProfile) => {
    setProfile(chosen)
    setDetails((current) => ({ ...current, name: `${shortBrowser(chosen.browserName)} — ${chosen.name}` }))
  }
  const retry = useMutation({ mutationFn: () => porter.transfers.retry({ jobId: jobId ?? '' }), onSuccess: upsert })

  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={`${titles[step]} (step ${step + 1} of 4)`}>
      {step === 0 && (
        <>
          <PickStep chosen={profile} onChoose={choose} />
          <footer className="modal-actions">
            <button type="button" className="btn primary" disabled={profile === undefined} onClick={() => setStep(1)}>
              Next
            </button>
          </footer>
        </>
      )}
      {step === 1 && (
        <>
          <DetailsStep details={details} onChange={setDetails} hasLabels={hasLabels} />
          <footer className="modal-actions">
            <button type="button" className="btn ghost" onClick={() => setStep(0)}>
              Back
            </button>
            <button type="button" className="btn primary" disabled={details.name.trim() === ''} onClick={() => setStep(2)}>
              Next
            </button>
          </footer>
        </>
      )}
      {step === 2 && profile !== undefined && (
        <>
          <Review profile={profile} connection={connection} details={details} onConfirm={() => start.mutate()} onBack={() => setStep(1)} starting={start.isPending} />
          {start.isError && <ErrorNotice error={start.error} />}
        </>
      )}
      {step === 3 && jobId !== undefined && (
        <>
          <ProgressStep jobId={jobId} />
          <footer className="modal-actions">
            {job?.status === 'running' && (
              <button type="button" className="btn" onClick={() => void porter.transfers.cancel({ jobId })}>
                Cancel
              </button>
            )}
            {(job?.status === 'failed' || job?.status === 'cancelled') && (
              <button type="button" className="btn" onClick={() => retry.mutate()}>
                Retry
              </button>
            )}
            <button type="button" className="btn primary" onClick={onClose}>
              {job?.status === 'running' ? 'Hide (keeps running)' : job?.status === 'done' ? 'Done' : 'Close'}
            </button>
          </footer>
        </>
      )}
    </Modal>
  )
}
