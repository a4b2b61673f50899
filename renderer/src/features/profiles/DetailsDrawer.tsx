import { Copy } from 'lucide-react'
import type { Capabilities, Profile } from '../../../../shared/domain/profile'
import { count, formatBytes } from '../../../../shared/format'
import type { CloudCheck } from '../../../../shared/domain/check'
import { Modal } from '../../components/Modal'
import { sessionsOf } from '../../lib/browser-words'
import { DamagedSection } from './DamagedSection'
import { CheckSection } from '../check/CheckSection'
import { exactTime } from '../../lib/time'
import { useNotices } from '../../state/notices-store'
import { ReceiptSection } from './ReceiptSection'
import { LabelChips, StatusBadge } from './StatusBadge'
import { UpdateSection } from './UpdateSection'

interface DetailsProps {
  connectionId: string
  serviceName: string
  profile: Profile | undefined
  capabilities: Capabilities
  onClose(): void
  onDelete(profile: Profile): void
  onDownload(profile: Profile): void
  onToggleDefault(profile: Profile): void
  /** Where there is a cloud browser: its last check, and opening the check dialog. */
  latestCheck?: CloudCheck | undefined
  onCheck?(profile: Profile, checkId?: string): void
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </>
  )
}

export function DetailsDrawer({
  connectionId,
  serviceName,
  profile,
  capabilities,
  onClose,
  onDelete,
  onDownload,
  onToggleDefault,
  latestCheck,
  onCheck
}: DetailsProps) {
  const notify = useNotices((state) => state.push)
  if (profile === undefined) return null
  const copyId = () =>
    navigator.clipboard.writeText(profile.id).then(
      () => notify('Profile id copied.'),
      () => notify('Could not copy; select the id and copy it by hand.', 'error')
    )
  return (
    <Modal open onOpenChange={(open) => !open && onClose()} title={profile.name} variant="drawer">
      {profile.damaged !== undefined && <DamagedSection connectionId={connectionId} profile={profile} onDelete={() => onDelete(profile)} />}
      <dl className="details">
        <Row term="Status">
          <StatusBadge status={profile.status} />
        </Row>
        <Row term="Description">{profile.description}</Row>
        <Row term="Browser">{profile.browser === undefined ? undefined : `${profile.browser} ${profile.browserVersion ?? ''}`}</Row>
        <Row term="Size">{profile.sizeBytes === undefined ? undefined : formatBytes(profile.sizeBytes)}</Row>
        <Row term="Used">{profile.usageCount === undefined ? undefined : count(profile.usageCount, 'time')}</Row>
        <Row term="Last used">{profile.lastUsedAt === undefined ? undefined : exactTime(profile.lastUsedAt)}</Row>
        <Row term="Created">{profile.createdAt === undefined ? undefined : exactTime(profile.createdAt)}</Row>
        <Row term="Updated">{profile.updatedAt === undefined ? undefined : exactTime(profile.updatedAt)}</Row>
        {capabilities.hasLabels && (
          <Row term="Labels">{Object.keys(profile.labels ?? {}).length === 0 ? undefined : <LabelChips labels={profile.labels} />}</Row>
        )}
        {capabilities.hasDefaults && (
          <Row term="Default">{profile.isDefault === true ? `Yes, for ${sessionsOf(profile.browser)}` : 'No'}</Row>
        )}
        <Row term="Checksum">{profile.checksum === undefined ? undefined : <code className="wrap">{profile.checksum}</code>}</Row>
        <Row term="Id">
          <code className="wrap">{profile.id}</code>{' '}
          <button type="button" className="icon-button" aria-label="Copy id" onClick={() => void copyId()}>
            <Copy aria-hidden="true" size={16} />
          </button>
        </Row>
      </dl>
      {profile.status === 'ready' && (
        <UpdateSection connectionId={connectionId} profileId={profile.id} serviceName={serviceName} onStarted={onClose} />
      )}
      {onCheck !== undefined && profile.status === 'ready' && (
        <CheckSection
          connectionId={connectionId}
          profileId={profile.id}
          latest={latestCheck}
          onCheck={(checkId) => onCheck(profile, checkId)}
        />
      )}
      <ReceiptSection connectionId={connectionId} profileId={profile.id} />
      {!capabilities.canDownload && (
        <p className="muted">{serviceName} does not offer downloads of its profiles, so there is no Download here.</p>
      )}
      <footer className="modal-actions">
        {capabilities.hasDefaults && (
          <button type="button" className="btn" onClick={() => onToggleDefault(profile)}>
            {profile.isDefault === true ? 'Stop using as default' : `Make the default for ${sessionsOf(profile.browser)}`}
          </button>
        )}
        {capabilities.canDownload && profile.status === 'ready' && (
          <button type="button" className="btn" onClick={() => onDownload(profile)}>
            Download
          </button>
        )}
        <button type="button" className="btn danger" onClick={() => onDelete(profile)}>
          Delete
        </button>
      </footer>
    </Modal>
  )
}
