import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { serviceAddresses } from '../../../../shared/domain/service-addresses'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'
import { useUiStore } from '../../state/ui-store'
import { KeyStorageNote } from './KeyStorageNote'


type Kind = 'hcompany' | 'webrun'

/** Add a connection: the key goes straight to main, which keeps it in the OS's encrypted storage. */
export function ConnectionForm({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const client = useQueryClient()
  const notify = useNotices((state) => state.push)
  const select = useUiStore((state) => state.selectConnection)
  const [kind, setKind] = useState<Kind>('hcompany')
  const [region, setRegion] = useState<'eu' | 'us' | 'custom'>('eu')
  const [customUrl, setCustomUrl] = useState('')
  const [name, setName] = useState('H Company')
  const [apiKey, setApiKey] = useState('')
  const baseUrl = kind === 'hcompany' && region !== 'custom' ? serviceAddresses[`hcompany-${region}`] : customUrl
  const test = useMutation({ mutationFn: () => porter.connections.test({ kind, baseUrl, apiKey }) })
  const add = useMutation({
    mutationFn: () => porter.connections.add({ kind, name, baseUrl, apiKey }),
    onSuccess: (connection) => {
      void client.invalidateQueries({ queryKey: queryKeys.connections })
      notify(`Added “${connection.name}”.`)
      select(connection.id)
      setApiKey('')
      onOpenChange(false)
    }
  })
  const changeKind = (next: Kind) => {
    setKind(next)
    setName(next === 'hcompany' ? 'H Company' : 'WebRun')
    setRegion(next === 'hcompany' ? 'eu' : 'custom')
    setCustomUrl(next === 'webrun' ? serviceAddresses.webrun : '')
  }
  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Add a connection" description="Connect an account so profiles can be sent to it.">
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          add.mutate()
        }}
      >
        <label>
          Service
          <select value={kind} onChange={(event) => changeKind(event.target.value as Kind)}>
            <option value="hcompany">H Company Agent Platform</option>
            <option value="webrun">WebRun</option>
          </select>
        </label>
        <label>
          Name
          <input required maxLength={60} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        {kind === 'hcompany' && (
          <label>
            Region
            <select value={region} onChange={(event) => setRegion(event.target.value as typeof region)}>
              <option value="eu">Europe (agp.eu.hcompany.ai)</option>
              <option value="us">United States (agp.hcompany.ai)</option>
              <option value="custom">Other address…</option>
            </select>
          </label>
        )}
        {(region === 'custom' || kind === 'webrun') && (
          <label>
            Address
            <input type="url" required value={customUrl} placeholder="https://…" onChange={(event) => setCustomUrl(event.target.value)} />
          </label>
        )}
        <label>
          API key
          <input type="password" required autoComplete="off" value={apiKey} onChange={(event) => setApiKey(event.target.value)} placeholder={kind === 'hcompany' ? 'hk-…' : 'enig_…'} />
        </label>
        <KeyStorageNote />
        {test.data !== undefined && (
          <p role="status" className={test.data.ok ? 'test-ok' : 'error-cause'}>
            {test.data.message}
          </p>
        )}
        {test.isError && <ErrorNotice error={test.error} />}
        {add.isError && <ErrorNotice error={add.error} />}
        <footer className="modal-actions">
          <button type="button" className="btn" disabled={apiKey === '' || test.isPending} onClick={() => test.mutate()}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="btn primary" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add connection'}
          </button>
        </footer>
      </form>
    </Modal>
  )
}
