import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'

export function CreateEmptyDialog({
  connectionId,
  open,
  onOpenChange
}: {
  connectionId: string
  open: boolean
  onOpenChange(open: boolean): void
}) {
  const client = useQueryClient()
  const notify = useNotices((state) => state.push)
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const create = useMutation({
    mutationFn: () => porter.profiles.createEmpty({ connectionId, name, ...(description.trim() === '' ? {} : { description }) }),
    onSuccess: (profile) => {
      void client.invalidateQueries({ queryKey: queryKeys.profiles(connectionId) })
      notify(`Created “${profile.name}”.`)
      setName('')
      setDescription('')
      onOpenChange(false)
    }
  })
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Create an empty profile"
      description="An empty profile has no sign-ins yet: a cloud browser session that uses it fills it as it goes."
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          create.mutate()
        }}
      >
        <label>
          Name
          <input required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          Description (optional)
          <textarea maxLength={500} value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        {create.isError && <ErrorNotice error={create.error} />}
        <footer className="modal-actions">
          <button type="button" className="btn ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={create.isPending || name.trim() === ''}>
            {create.isPending ? 'Creating…' : 'Create profile'}
          </button>
        </footer>
      </form>
    </Modal>
  )
}
