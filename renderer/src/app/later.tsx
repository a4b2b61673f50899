import { Suspense, lazy, type ComponentProps, type ComponentType } from 'react'

/**
 * A component whose code loads only when it is first shown, behind its own Suspense boundary, so
 * the first screen paints without waiting for dialogs it does not show.
 */
function later<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }))
  return function Later(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...(props as ComponentProps<typeof Lazy>)} />
      </Suspense>
    )
  }
}

export const ImportWizard = later(async () => (await import('../features/import/ImportWizard')).ImportWizard)
export const CreateEmptyDialog = later(async () => (await import('../features/profiles/CreateEmptyDialog')).CreateEmptyDialog)
export const DeleteDialog = later(async () => (await import('../features/profiles/DeleteDialog')).DeleteDialog)
export const DetailsDrawer = later(async () => (await import('../features/profiles/DetailsDrawer')).DetailsDrawer)
export const ConnectionForm = later(async () => (await import('../features/connections/ConnectionForm')).ConnectionForm)
export const ReportDialog = later(async () => (await import('../features/upkeep/ReportDialog')).ReportDialog)
export const ConnectionSettings = later(async () => (await import('../features/connections/ConnectionSettings')).ConnectionSettings)
