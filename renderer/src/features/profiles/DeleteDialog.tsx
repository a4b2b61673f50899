import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { Profile } from '../../../../shared/domain/profile'
import { count } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'

interface DeleteDialogProps {
  connectionId: string
  serviceName: string
  profiles: Profile[]
  open: boolean
  onOpenChange(open: boolean): void
  onDeleted(ids: string[]): void
}

/** Says exactly what will be lost, and where, before anything is deleted. */
export function DeleteDialog({ connectionId, serviceName, profiles, open, onOpenChange, onDeleted }: DeleteDialogProps) {
  const client = useQueryClient()
  const notify = useNotices((state) => state.push)
  const remove = useMutation({
    mutationFn: () => porter.profiles.delete({ connectionId, ids: profiles.map((p) => p.id) }),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: queryKeys.profiles(connectionId) })
      onDeleted([...result.deleted, ...result.missing])
      if (result.deleted.length > 0) notify(`Deleted ${count(result.deleted.length, 'profile')} from ${serviceName}.`)
      for (const failure of result.failed) notify(`Could not delete a profile: ${failure.error.message}`, 'error')
      onOpenChange(false)
    }
  })
  const one = profiles.length === 1 ? profiles[0] : undefined
  // Ten names say what is meant; every name is there for whoever wants to be sure.
  const [expandedFor, setExpandedFor] = useState<Profile[]>()
  const listed = expandedFor === profiles ? profiles : profiles.slice(0, 10)
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={one ? `Delete “${one.name}”?` : `Delete ${count(profiles.length, 'profile')}?`}
      description={`The saved logins and browser data ${one ? 'of this profile' : 'of these profiles'} will be removed from ${serviceName} for good. Anything using ${one ? 'it' : 'them'} will no longer be signed in. This cannot be undone.`}
    >
      {!one && (
        <ul className="delete-list" aria-label="Profiles to delete">
          {listed.map((profile) => (
            <li key={profile.id}>{profile.name}</li>
          ))}
          {listed.length < profiles.length && (
            <li>
              and {profiles.length - listed.length} more —{' '}
              <button type="button" className="link-button" onClick={() => setExpandedFor(profiles)}>
                show all {profiles.length}
              </button>
            </li>
          )}
        </ul>
      )}
      {remove.isError && <ErrorNotice error={remove.error} />}
      <footer className="modal-actions">
        <button type="button" className="btn ghost" onClick={() => onOpenChange(false)}>
          Keep {one ? 'it' : 'them'}
        </button>
        <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          {remove.isPending ? 'Deleting…' : one ? 'Delete profile' : `Delete ${count(profiles.length, 'profile')}`}
        </button>
      </footer>
    </Modal>
  )
}
