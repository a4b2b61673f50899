import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { serviceAddresses } from '../../../../shared/domain/service-addresses'
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

type Kind = 'hcompany' | 'webrun'

/** Add a connection: tested first, the key straight to main, which keeps it in the OS's encrypted storage. */
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
  const check = useCheckedSave(
    () => porter.connections.test({ kind, baseUrl, apiKey }),
    () => porter.connections.add({ kind, name, baseUrl, apiKey }),
    (connection) => {
      void client.invalidateQueries({ queryKey: queryKeys.connections })
      notify(`Added “${connection.name}”.`)
      select(connection.id)
      onOpenChange(false)
    }
  )
  // Any change makes the last test's answer stale.
  const edit =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value)
      check.changed()
    }
  const changeKind = (next: Kind) => {
    check.changed()
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
          void check.checkThenSave(true)
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
          <input required maxLength={60} value={name} onChange={(event) => edit(setName)(event.target.value)} />
        </label>
        {kind === 'hcompany' && (
          <label>
            Region
            <select value={region} onChange={(event) => edit(setRegion)(event.target.value as typeof region)}>
              <option value="eu">Europe (agp.eu.hcompany.ai)</option>
              <option value="us">United States (agp.hcompany.ai)</option>
              <option value="custom">Other address…</option>
            </select>
          </label>
        )}
        {(region === 'custom' || kind === 'webrun') && (
          <label>
            Address
            <input
              type="url"
              required
              value={customUrl}
              placeholder="https://…"
              onChange={(event) => edit(setCustomUrl)(event.target.value)}
            />
          </label>
        )}
        <label>
          API key
          <input
            type="password"
            required
            autoComplete="off"
            value={apiKey}
            onChange={(event) => edit(setApiKey)(event.target.value)}
            placeholder={kind === 'hcompany' ? 'hk-…' : 'enig_…'}
            aria-describedby="new-key-where"
          />
        </label>
        <KeyWhereHint id="new-key-where" kind={kind} lead="No key yet?" />
        <KeyStorageNote />
        <TestResult check={check} saveLabel="Add" />
        <TestAndSave check={check} canTest={apiKey !== ''} save="Add connection" saving="Adding…" />
      </form>
    </Modal>
  )
}
