import { useEffect } from 'react'
import { porter } from '../../lib/porter'
import { useUpkeepStore } from '../../state/upkeep-store'

/** Where updating stands (current state first, then changes) and what the Help menu asks of the window. */
export function useUpkeepEvents(): void {
  useEffect(() => {
    const { setUpdate, setReportOpen } = useUpkeepStore.getState()
    const offUpdate = porter.app.onUpdateChanged(setUpdate)
    const offCommand = porter.app.onCommand((command) => {
      if (command === 'saveReport') setReportOpen(true)
    })
    return () => {
      offUpdate()
      offCommand()
    }
  }, [])
}
