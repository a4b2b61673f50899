import * as Tooltip from '@radix-ui/react-tooltip'
import { Toaster } from '../components/Toaster'
import { useCheckEvents } from '../features/check/use-check-events'
import { Sidebar } from '../features/connections/Sidebar'
import { ProfilesView } from '../features/profiles/ProfilesView'
import { TransfersPanel } from '../features/transfers/TransfersPanel'
import { useUiStore } from '../state/ui-store'
import { Banners } from './Banners'
import { useAppInfo, useConnections, useStartupNotices, useTransferEvents } from './queries'
import { UpdateStatus } from '../features/upkeep/UpdateStatus'
import { useUpkeepEvents } from '../features/upkeep/use-upkeep-events'
import { useUpkeepStore } from '../state/upkeep-store'
import { ReportDialog } from './later'

export function App() {
  const info = useAppInfo()
  useTransferEvents()
  useCheckEvents()
  useStartupNotices()
  useUpkeepEvents()
  const { reportOpen, setReportOpen } = useUpkeepStore()
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
            <UpdateStatus />
            <button type="button" className="link-button" onClick={() => setReportOpen(true)}>
              Report a problem
            </button>
          </footer>
        </main>
      </div>
      {reportOpen && <ReportDialog open={reportOpen} onOpenChange={setReportOpen} />}
      <Toaster />
    </Tooltip.Provider>
  )
}
