import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { LOCAL_CONNECTION_ID, type Connection } from '../../../../shared/domain/connection'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'
import { useUiStore } from '../../state/ui-store'
import { KeyStorageNote } from './KeyStorageNote'
import { KeyWhereHint } from './KeyWhereHint'
import { TestAndSave } from './TestAndSave'
import { TestResult } from './TestResult'
import { useCheckedSave } from './use-checked-save'

/** Removing a connection forgets it and its key here; nothing at the service goes. */
function RemoveConnection({ connection, onRemoved }: { connection: Connection; onRemoved(): void }) {
  const [asking, setAsking] = useState(false)
  const remove = useMutation({ mutationFn: () => porter.connections.remove({ id: connection.id }), onSuccess: onRemoved })
  if (!asking) {
    return (
      <button type="button" className="btn danger" onClick={() => setAsking(true)}>
        Remove connection…
      </button>
    )
  }
  return (
    <div className="notice" role="group" aria-label="Remove this connection?">
      <p>
        Remove “{connection.name}” from Profile Porter? Its saved key is forgotten. Nothing at{' '}
        {connection.kind === 'hcompany' ? 'H Company' : 'WebRun'} is deleted: its profiles stay there, and you can add the connection again
        later.
      </p>
      {remove.isError && <ErrorNotice error={remove.error} />}
      <div className="modal-actions">
        <button type="button" className="btn ghost" onClick={() => setAsking(false)}>
          Keep it
        </button>
        <button type="button" className="btn danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
          Remove “{connection.name}”
        </button>
      </div>
    </div>
  )
}

/** Rename, move, re-key, test or remove a connection: a wrong key is never a dead end. */
export function ConnectionSettings({ connection, onClose }: { connection: Connection; onClose(): void }) {
  const client = useQueryClient()
  const notify = useNotices((state) => state.push)
  const select = useUiStore((state) => state.selectConnection)
  const [name, setName] = useState(connection.name)
  const [baseUrl, setBaseUrl] = useState(connection.baseUrl ?? '')
  const [apiKey, setApiKey] = useState('')
  const refresh = () => {
    void client.invalidateQueries({ queryKey: queryKeys.connections })
    void client.invalidateQueries({ queryKey: queryKeys.profiles(connection.id) })
  }
  const addressChanged = baseUrl !== (connection.baseUrl ?? '')
  const check = useCheckedSave(
    () => porter.connections.test({ id: connection.id, ...(addressChanged ? { baseUrl } : {}), ...(apiKey === '' ? {} : { apiKey }) }),
    () =>
      porter.connections.update({
        id: connection.id,
        ...(name.trim() === connection.name ? {} : { name }),
        ...(addressChanged ? { baseUrl } : {}),
        ...(apiKey === '' ? {} : { apiKey })
      }),
    (saved) => {
      refresh()
      notify(`Saved “${saved.name}”.`)
      onClose()
    }
  )
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value)
    check.changed()
  }
  return (
    <Modal
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Settings of “${connection.name}”`}
      description="Change the name, the address or the API key, and test them."
    >
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          void check.checkThenSave(addressChanged || apiKey !== '')
        }}
      >
        <label>
          Name
          <input required maxLength={60} value={name} onChange={(event) => edit(setName)(event.target.value)} />
        </label>
        <label>
          Address
          <input type="url" required value={baseUrl} onChange={(event) => edit(setBaseUrl)(event.target.value)} />
        </label>
        <label>
          New API key
          <input
            type="password"
            autoComplete="off"
            value={apiKey}
            placeholder={connection.keyHint === undefined ? 'Enter the key' : `Leave empty to keep ${connection.keyHint}`}
            onChange={(event) => edit(setApiKey)(event.target.value)}
            aria-describedby={connection.kind === 'local' ? undefined : 'changed-key-where'}
          />
        </label>
        {connection.kind !== 'local' && <KeyWhereHint id="changed-key-where" kind={connection.kind} lead="Need a new key?" />}
        <KeyStorageNote />
        <TestResult check={check} saveLabel="Save" />
        <TestAndSave check={check} canTest save="Save" saving="Saving…" />
      </form>
      <RemoveConnection
        connection={connection}
        onRemoved={() => {
          select(LOCAL_CONNECTION_ID)
          refresh()
          notify(`Removed “${connection.name}”. Its profiles at the service were not touched.`)
          onClose()
        }}
      />
    </Modal>
  )
}
