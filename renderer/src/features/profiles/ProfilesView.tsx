import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Plus, RefreshCw, Upload } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import type { Profile } from '../../../../shared/domain/profile'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys, useProfiles } from '../../app/queries'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'
import { useUiStore } from '../../state/ui-store'
import { ConnectionIcon, kindLabels } from '../connections/ConnectionIcon'
import { CreateEmptyDialog, DeleteDialog, DetailsDrawer, ImportWizard } from '../../app/later'
import { useChecksStore } from '../../state/checks-store'
// Not through later(): loaded lazily, this dialog made the bundler move zod into a chunk that runs
// before boot.ts turns zod's eval probe off (a CSP violation at start-up).
import { CheckDialog } from '../check/CheckDialog'
import { useLatestChecks } from '../check/use-check-events'
import { ActionBar } from './ActionBar'
import { ProfileTable } from './ProfileTable'
import { Toolbar } from './Toolbar'
import { allLabels, visibleProfiles } from './visible-profiles'

export function ProfilesView({ connection }: { connection: Connection }) {
  const query = useProfiles(connection.id)
  const ui = useUiStore()
  const notify = useNotices((state) => state.push)
  const [deleting, setDeleting] = useState<Profile[]>([])
  const [creating, setCreating] = useState(false)
  const [importing, setImporting] = useState(false)
  const profiles = query.data?.profiles
  const visible = useMemo(
    () => visibleProfiles(profiles ?? [], { search: ui.search, statusFilter: ui.statusFilter, labelFilter: ui.labelFilter, sort: ui.sort }),
    [profiles, ui.search, ui.statusFilter, ui.labelFilter, ui.sort]
  )
  const download = useMutation({
    mutationFn: (profile: Profile) => porter.transfers.startDownload({ connectionId: connection.id, profileId: profile.id }),
    onError: (error) => notify(error.message, 'error')
  })
  const client = useQueryClient()
  const toggleDefault = useMutation({
    mutationFn: (profile: Profile) =>
      porter.profiles.setDefault({ connectionId: connection.id, id: profile.id, isDefault: profile.isDefault !== true }),
    onSuccess: (profile) => {
      void client.invalidateQueries({ queryKey: queryKeys.profiles(connection.id) })
      notify(profile.isDefault === true ? `“${profile.name}” is now the default.` : `“${profile.name}” is no longer the default.`)
    },
    onError: (error) => notify(error.message, 'error')
  })
  const selected = (profiles ?? []).filter((profile) => ui.selectedIds.has(profile.id))
  const details = profiles?.find((profile) => profile.id === ui.detailsId)
  const capabilities = query.data?.capabilities
  const cloud = connection.kind !== 'local'
  const latestChecks = useLatestChecks(connection.id, cloud)
  const checkTarget = useChecksStore((state) => (state.target?.connectionId === connection.id ? state.target : undefined))
  const openCheck = useChecksStore((state) => state.open)

  return (
    <section className="connection-view" aria-labelledby="connection-title">
      <header className="view-header">
        <ConnectionIcon kind={connection.kind} />
        <div className="view-title">
          <h1 id="connection-title">{connection.name}</h1>
          <p className="muted">{kindLabels[connection.kind]}</p>
        </div>
        <div className="view-actions">
          <button type="button" className="btn ghost" onClick={() => void query.refetch()} aria-label="Refresh the list">
            <RefreshCw aria-hidden="true" size={16} />
          </button>
          {capabilities?.canCreateEmpty === true && connection.kind !== 'local' && (
            <button type="button" className="btn" onClick={() => setCreating(true)}>
              <Plus aria-hidden="true" size={16} /> Create empty
            </button>
          )}
          <button type="button" className="btn primary" onClick={() => setImporting(true)}>
            <Upload aria-hidden="true" size={16} /> Import from this computer
          </button>
        </div>
      </header>

      {query.isPending && (
        <div className="skeleton-list" aria-busy="true" aria-label="Loading profiles">
          {[0, 1, 2, 3].map((row) => (
            <div key={row} className="skeleton-row" />
          ))}
        </div>
      )}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {profiles !== undefined && capabilities !== undefined && (
        <>
          {profiles.length === 0 ? (
            <div className="empty-state">
              <h2>No profiles here yet</h2>
              <p>
                Click <strong>Import from this computer</strong> to pack a browser profile — its logins included — and
                {connection.kind === 'local' ? ' keep it in this library.' : ` send it to ${connection.name}.`}
              </p>
            </div>
          ) : (
            <>
              <Toolbar labels={allLabels(profiles)} />
              {visible.length === 0 ? (
                <p className="muted no-match">No profile matches the search or filters.</p>
              ) : (
                <ProfileTable profiles={visible} checks={latestChecks} />
              )}
            </>
          )}
          <ActionBar
            count={selected.length}
            capabilities={capabilities}
            onDelete={() => setDeleting(selected)}
            onDownload={() => {
              const ready = selected.filter((p) => p.status === 'ready')
              if (ready.length === 0) notify('Nothing to download: the selected profiles are empty or not ready yet.', 'warning')
              else if (ready.length < selected.length)
                notify(`Downloading ${ready.length} of ${selected.length}: the others are empty or not ready yet.`)
              ready.forEach((profile) => download.mutate(profile))
            }}
            onClear={() => ui.setSelection([])}
          />
          <DetailsDrawer
            connectionId={connection.id}
            serviceName={connection.name}
            profile={details}
            capabilities={capabilities}
            onClose={() => ui.showDetails(undefined)}
            onDelete={(profile) => setDeleting([profile])}
            onToggleDefault={(profile) => toggleDefault.mutate(profile)}
            latestCheck={details === undefined ? undefined : latestChecks[details.id]}
            {...(cloud
              ? {
                  onCheck: (profile: Profile, checkId?: string) => {
                    // The drawer makes way for the check's own dialog.
                    ui.showDetails(undefined)
                    openCheck({ connectionId: connection.id, profileId: profile.id, ...(checkId === undefined ? {} : { checkId }) })
                  }
                }
              : {})}
            onDownload={(profile) => {
              // The drawer closes so the download's progress in Transfers is in view.
              ui.showDetails(undefined)
              download.mutate(profile)
            }}
          />
        </>
      )}
      <DeleteDialog
        connectionId={connection.id}
        serviceName={connection.name}
        profiles={deleting}
        open={deleting.length > 0}
        onOpenChange={(open) => !open && setDeleting([])}
        onDeleted={(ids) => {
          ui.setSelection([...ui.selectedIds].filter((id) => !ids.includes(id)))
          if (ui.detailsId !== undefined && ids.includes(ui.detailsId)) ui.showDetails(undefined)
        }}
      />
      <CreateEmptyDialog connectionId={connection.id} open={creating} onOpenChange={setCreating} />
      {checkTarget !== undefined && (
        <CheckDialog
          key={`${checkTarget.profileId} ${checkTarget.checkId ?? ''}`}
          connectionId={connection.id}
          profileId={checkTarget.profileId}
          {...(checkTarget.checkId === undefined ? {} : { checkId: checkTarget.checkId })}
          profileName={profiles?.find((profile) => profile.id === checkTarget.profileId)?.name ?? 'profile'}
        />
      )}
      {importing && (
        <ImportWizard
          connection={connection}
          hasLabels={capabilities?.hasLabels ?? connection.kind !== 'webrun'}
          onClose={() => setImporting(false)}
          {...(cloud ? { onCheck: (profileId: string) => openCheck({ connectionId: connection.id, profileId }) } : {})}
        />
      )}
    </section>
  )
}
