import { useMutation } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { accountFull } from '../../../../shared/domain/account-full'
import { PorterError } from '../../../../shared/errors'
import type { Connection } from '../../../../shared/domain/connection'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import type { SuppliedSummary } from '../../../../shared/domain/supplied'
import { ErrorNotice } from '../../app/ErrorNotice'
import { useProfiles } from '../../app/queries'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useTransfersStore } from '../../state/transfers-store'
import { DetailsStep, detailsProblem, nameTaken, type ImportDetails } from './DetailsStep'
import { PickStep } from './PickStep'
import { ProgressStep } from './ProgressStep'
import { ReviewStep, usePreflight, type Pack } from './ReviewStep'
import { choiceOf, initialSelection, type SitesSelection } from './sites-selection'
import { SitesStep } from './SitesStep'

const titles = ['Choose a browser profile', 'Choose sites', 'Name it', 'Check and confirm', 'Importing']
/** Once the import has ended there are no steps left to count: the title says how it ended. */
const endings = { done: 'Imported', failed: 'The import did not finish', cancelled: 'Import cancelled' } as const

function shortBrowser(name: string): string {
  return name.replace(/^Google /, '').replace(/^Microsoft /, '')
}

interface ReviewProps {
  profile: DetectedProfile
  connection: Connection
  details: ImportDetails
  pack: Pack
  supplied: SuppliedSummary | undefined
  onSupplied(summary: SuppliedSummary): void
  onConfirm(): void
  onBack(): void
  starting: boolean
}

function Review({ profile, connection, details, pack, supplied, onSupplied, onConfirm, onBack, starting }: ReviewProps) {
  const report = usePreflight(profile, connection, pack)
  const blocked = report.data?.findings.some((finding) => finding.severity === 'blocking') ?? true
  return (
    <>
      <ReviewStep
        profile={profile}
        connection={connection}
        name={details.name}
        pack={pack}
        report={report}
        supplied={supplied}
        onSupplied={onSupplied}
      />
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

/** A full account (WebRun's 20) is said the moment its connection is chosen, before any step is spent. */
function useAccountFull(connection: Connection): PorterError | undefined {
  const listed = useProfiles(connection.id)
  const { refetch } = listed
  useEffect(() => void refetch(), [refetch])
  const max = listed.data?.capabilities.maxProfiles
  if (max === undefined || listed.data === undefined || listed.data.profiles.length < max) return undefined
  return new PorterError({ code: 'conflict', ...accountFull(connection.name, max) })
}

/** Import from this computer, in five steps a person can follow without a manual. */
export function ImportWizard({
  connection,
  hasLabels,
  onClose,
  onCheck
}: {
  connection: Connection
  hasLabels: boolean
  onClose(): void
  /** After an upload to a cloud: check there whether its sites are signed in. */
  onCheck?(profileId: string): void
}) {
  const [step, setStep] = useState(0)
  const [profile, setProfile] = useState<DetectedProfile>()
  const [details, setDetails] = useState<ImportDetails>({ name: '', description: '', labels: [] })
  const [selection, setSelection] = useState<SitesSelection>(initialSelection)
  const [supplied, setSupplied] = useState<SuppliedSummary>()
  const choice = choiceOf(selection)
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
        ...(hasLabels
          ? { labels: Object.fromEntries(details.labels.filter((l) => l.key.trim() !== '').map((l) => [l.key.trim(), l.value])) }
          : {}),
        choice: choice ?? { mode: 'everything' },
        include: selection.include,
        ...(supplied === undefined ? {} : { supplied: supplied.id })
      }),
    onSuccess: (started) => {
      upsert(started)
      setJobId(started.id)
      setStep(4)
    }
  })
  const choose = (chosen: DetectedProfile) => {
    if (chosen.ref !== profile?.ref) {
      setSelection(initialSelection)
      setSupplied(undefined)
    }
    setProfile(chosen)
    setDetails((current) => ({ ...current, name: `${shortBrowser(chosen.browserName)} — ${chosen.name}` }))
  }
  const retry = useMutation({ mutationFn: () => porter.transfers.retry({ jobId: jobId ?? '' }), onSuccess: upsert })
  const full = useAccountFull(connection)
  const listed = useProfiles(connection.id).data?.profiles

  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={step === 4 && job !== undefined && job.status !== 'running' ? endings[job.status] : `${titles[step]} (step ${step + 1} of 5)`}
    >
      {step === 0 && (
        <>
          {full !== undefined && <ErrorNotice error={full} />}
          <PickStep chosen={profile} onChoose={choose} />
          <footer className="modal-actions">
            <button type="button" className="btn primary" disabled={profile === undefined || full !== undefined} onClick={() => setStep(1)}>
              Next
            </button>
          </footer>
        </>
      )}
      {step === 1 && profile !== undefined && (
        <>
          <SitesStep profile={profile} selection={selection} onChange={setSelection} />
          <footer className="modal-actions">
            {choice === undefined && (
              <span className="footer-reason" role="status">
                Choose at least one site, or send everything.
              </span>
            )}
            <button type="button" className="btn ghost" onClick={() => setStep(0)}>
              Back
            </button>
            <button type="button" className="btn primary" disabled={choice === undefined} onClick={() => setStep(2)}>
              Next
            </button>
          </footer>
        </>
      )}
      {step === 2 && (
        <>
          <DetailsStep
            details={details}
            onChange={setDetails}
            hasLabels={hasLabels}
            takenAt={nameTaken(details.name, listed) ? connection.name : undefined}
          />
          <footer className="modal-actions">
            {detailsProblem(details) !== undefined && (
              <span className="footer-reason" role="status">
                {detailsProblem(details)}
              </span>
            )}
            <button type="button" className="btn ghost" onClick={() => setStep(1)}>
              Back
            </button>
            <button type="button" className="btn primary" disabled={detailsProblem(details) !== undefined} onClick={() => setStep(3)}>
              Next
            </button>
          </footer>
        </>
      )}
      {step === 3 && profile !== undefined && choice !== undefined && (
        <>
          <Review
            profile={profile}
            connection={connection}
            details={details}
            pack={{ choice, include: selection.include }}
            supplied={supplied}
            onSupplied={setSupplied}
            onConfirm={() => start.mutate()}
            onBack={() => setStep(2)}
            starting={start.isPending}
          />
          {start.isError && <ErrorNotice error={start.error} />}
        </>
      )}
      {step === 4 && jobId !== undefined && (
        <>
          <ProgressStep jobId={jobId} local={connection.kind === 'local'} service={connection.name} />
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
            {job?.status === 'done' && onCheck !== undefined && job.profileId !== undefined && (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  // Is the upload signed in there? The wizard makes way for the check's dialog.
                  onCheck(job.profileId ?? '')
                  onClose()
                }}
              >
                Check in the cloud
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
