import { useMutation, useQueryClient } from '@tanstack/react-query'
import { AlertTriangle } from 'lucide-react'
import type { Profile } from '../../../../shared/domain/profile'
import { queryKeys } from '../../app/queries'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'

/** A profile whose record cannot be read: what happened, and the two ways on — repair it or delete it. */
export function DamagedSection({ connectionId, profile, onDelete }: { connectionId: string; profile: Profile; onDelete(): void }) {
  const client = useQueryClient()
  const notify = useNotices((state) => state.push)
  const repair = useMutation({
    mutationFn: () => porter.profiles.repair({ connectionId, id: profile.id }),
    onSuccess: (repaired) => {
      void client.invalidateQueries({ queryKey: queryKeys.profiles(connectionId) })
      notify(`Repaired: “${repaired.name}”${repaired.status === 'ready' ? ', its archive measured again' : ''}.`)
    },
    onError: (error) => notify(error.message, 'error')
  })
  return (
    <section className="warning-box" aria-labelledby="damaged-title">
      <h3 id="damaged-title">
        <AlertTriangle aria-hidden="true" size={16} /> This profile’s record is damaged
      </h3>
      <p>
        Profile Porter cannot read what this profile is: {profile.damaged}. Repair keeps its archive, measures it again and gives it a new
        record (its labels and description are lost); Delete removes it.
      </p>
      <div className="modal-actions">
        <button type="button" className="btn primary" disabled={repair.isPending} onClick={() => repair.mutate()}>
          {repair.isPending ? 'Repairing…' : 'Repair'}
        </button>
        <button type="button" className="btn danger" onClick={onDelete}>
          Delete
        </button>
      </div>
    </section>
  )
}
