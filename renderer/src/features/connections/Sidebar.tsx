import { useQueries } from '@tanstack/react-query'
import { MoreHorizontal, Plus } from 'lucide-react'
import { LOCAL_CONNECTION_ID } from '../../../../shared/domain/connection'
import { useEffect, useRef, useState } from 'react'
import { ErrorNotice } from '../../app/ErrorNotice'
import { ConnectionForm, ConnectionSettings } from '../../app/later'
import { queryKeys, useConnections } from '../../app/queries'
import { porter } from '../../lib/porter'
import { useUiStore } from '../../state/ui-store'
import { ConnectionIcon } from './ConnectionIcon'

const healthWords = { success: 'reachable', error: 'not reachable', pending: 'checking' }
const onMac = navigator.platform.startsWith('Mac')
const shortcutLabel = onMac ? '⌘,' : 'Ctrl+,'

/** Ctrl+, (⌘, on a Mac), as in most desktop apps: the settings of the connection in view. */
function useSettingsShortcut(open: () => void): void {
  // The latest callback, without re-listening on every render.
  const latest = useRef(open)
  latest.current = open
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === ',' && (onMac ? event.metaKey : event.ctrlKey)) {
        event.preventDefault()
        latest.current()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

export function Sidebar() {
  const connections = useConnections()
  const selected = useUiStore((state) => state.selectedConnectionId)
  const select = useUiStore((state) => state.selectConnection)
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<string>()
  useSettingsShortcut(() => selected !== LOCAL_CONNECTION_ID && setEditing(selected))
  const editedConnection = connections.data?.find((connection) => connection.id === editing)
  // The health dot is the answer to the last list call; the lists are shared with the main view.
  const health = useQueries({
    queries: (connections.data ?? []).map((connection) => ({
      queryKey: queryKeys.profiles(connection.id),
      queryFn: () => porter.profiles.list({ connectionId: connection.id }),
      retry: false
    }))
  })

  return (
    <nav className="sidebar" aria-label="Connections">
      <div className="brand">Profile Porter</div>
      <h2 className="sidebar-heading">Connections</h2>
      {connections.isPending && <p className="muted">Loading…</p>}
      {connections.isError && <ErrorNotice error={connections.error} onRetry={() => void connections.refetch()} />}
      <ul className="connection-list">
        {connections.data?.map((connection, index) => {
          const state = health[index]?.status ?? 'pending'
          return (
            <li key={connection.id} className="connection-item">
              <button
                type="button"
                className="connection"
                aria-current={connection.id === selected ? 'page' : undefined}
                onClick={() => select(connection.id)}
              >
                <ConnectionIcon kind={connection.kind} />
                <span className="connection-name" title={connection.name}>
                  {connection.name}
                </span>
                <span className={`health health-${state}`} role="img" aria-label={healthWords[state]} title={healthWords[state]} />
              </button>
              {connection.id !== LOCAL_CONNECTION_ID && (
                <button
                  type="button"
                  className="icon-button connection-menu"
                  aria-label={`Settings of ${connection.name}`}
                  title={`Settings (${shortcutLabel})`}
                  onClick={() => setEditing(connection.id)}
                >
                  <MoreHorizontal aria-hidden="true" size={16} />
                </button>
              )}
            </li>
          )
        })}
      </ul>
      <button type="button" className="btn ghost add-connection" onClick={() => setAdding(true)}>
        <Plus aria-hidden="true" size={16} /> Add connection
      </button>
      {adding && <ConnectionForm open onOpenChange={setAdding} />}
      {editedConnection !== undefined && (
        <ConnectionSettings key={editedConnection.id} connection={editedConnection} onClose={() => setEditing(undefined)} />
      )}
    </nav>
  )
}
