import { useConnections } from '../../app/queries'
import { useUiStore } from '../../state/ui-store'
import { ConnectionIcon } from './ConnectionIcon'
import { ErrorNotice } from '../../app/ErrorNotice'

export function Sidebar() {
  const connections = useConnections()
  const selected = useUiStore((state) => state.selectedConnectionId)
  const select = useUiStore((state) => state.selectConnection)

  return (
    <nav className="sidebar" aria-label="Connections">
      <div className="brand">Profile Porter</div>
      <h2 className="sidebar-heading">Connections</h2>
      {connections.isPending && <p className="muted">Loading…</p>}
      {connections.isError && <ErrorNotice error={connections.error} onRetry={() => void connections.refetch()} />}
      <ul className="connection-list">
        {connections.data?.map((connection) => (
          <li key={connection.id}>
            <button
              type="button"
              className="connection"
              aria-current={connection.id === selected ? 'page' : undefined}
              onClick={() => select(connection.id)}
            >
              <ConnectionIcon kind={connection.kind} />
              <span>{connection.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
