import { useConnections } from '../../app/queries'
import { useUiStore } from '../../state/ui-store'
import { ConnectionIcon, kindLabels } from '../connections/ConnectionIcon'

export function ConnectionView() {
  const selectedId = useUiStore((state) => state.selectedConnectionId)
  const connection = useConnections().data?.find((candidate) => candidate.id === selectedId)
  if (connection === undefined) return null

  return (
    <section className="connection-view" aria-labelledby="connection-title">
      <header className="view-header">
        <ConnectionIcon kind={connection.kind} />
        <div>
          <h1 id="connection-title">{connection.name}</h1>
          <p className="muted">{kindLabels[connection.kind]}</p>
        </div>
      </header>
      {connection.kind === 'local' ? (
        <div className="empty-state">
          <h2>Your library on this computer</h2>
          <p>
            Profiles you import are kept here, on this computer only, with no account needed. From here you can send
            them to H Company or WebRun once you add a connection.
          </p>
        </div>
      ) : (
        <div className="empty-state">
          <h2>{connection.name}</h2>
          <p>{connection.baseUrl}</p>
        </div>
      )}
    </section>
  )
}
