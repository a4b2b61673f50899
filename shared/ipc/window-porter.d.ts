import type { PorterApi } from './api'

declare global {
  /** Installed by the preload in Electron, or by the bridge client in a browser. */
  interface Window {
    porter: PorterApi
  }
}
