import * as Tooltip from '@radix-ui/react-tooltip'
import { Toaster } from '../components/Toaster'
import { Sidebar } from '../features/connections/Sidebar'
import { ProfilesView } from '../features/profiles/ProfilesView'
import { TransfersPanel } from '../features/transfers/TransfersPanel'
import { useUiStore } from '../state/ui-store'
import { Banners } from './Banners'
import { useAppInfo, useConnections, useStartupNotices, useTransferEvents } from './queries'

export function App() {
  const info = useAppInfo()
  useTransferEvents()
  useStartupNotices()
  const selectedId = useUiStore((state) => state.selectedConnectionId)
  const connection = useConnections().data?.find((candidate) => candidate.id === selectedId)
  return (
    <Tooltip.Provider delayDuration={300}>
      <div className="app-frame">
        <Sidebar />
        <main className="main-area">
          <Banners />
          {connection !== undefined && <ProfilesView key={connection.id} connection={connection} />}
          <TransfersPanel />
          <footer className="status-bar">
            {info.data && (
              <span data-testid="app-version">
                {info.data.name} {info.data.version}
              </span>
            )}
          </footer>
        </main>
      </div>
      <Toaster />
    </Tooltip.Provider>
  )
}
