import { Sidebar } from '../features/connections/Sidebar'
import { ConnectionView } from '../features/library/ConnectionView'
import { useAppInfo } from './queries'

export function App() {
  const info = useAppInfo()
  return (
    <div className="app-frame">
      <Sidebar />
      <main className="main-area">
        <ConnectionView />
        <footer className="status-bar">
          {info.data && (
            <span data-testid="app-version">
              {info.data.name} {info.data.version}
            </span>
          )}
        </footer>
      </main>
    </div>
  )
}
