import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Modal } from '../../components/Modal'
import { porter } from '../../lib/porter'
import { useChecksStore } from '../../state/checks-store'
import { CheckPlanStep } from './CheckPlanStep'
import { CheckProgress } from './CheckProgress'

/** "Check in the cloud": the plan and consent first, then the check's live lines and result. */
export function CheckDialog({
  connectionId,
  profileId,
  checkId,
  profileName
}: {
  connectionId: string
  profileId: string
  checkId?: string
  profileName: string
}) {
  const [current, setCurrent] = useState(checkId)
  const live = useChecksStore((state) => (current === undefined ? undefined : state.live[current]))
  const close = useChecksStore((state) => state.close)
  // A check started elsewhere (before the window opened) is read once from main.
  const kept = useQuery({
    queryKey: ['check', connectionId, profileId, current],
    queryFn: async () => (await porter.checks.list({ connectionId, profileId })).find((check) => check.id === current),
    enabled: current !== undefined && live === undefined
  })
  const check = live ?? kept.data
  return (
    <Modal open onOpenChange={(open) => !open && close()} title={`Check in the cloud: ${profileName}`}>
      {current === undefined ? (
        <CheckPlanStep connectionId={connectionId} profileId={profileId} onStarted={(started) => setCurrent(started.id)} onClose={close} />
      ) : check === undefined ? (
        <p className="muted">Starting…</p>
      ) : (
        <CheckProgress check={check} onClose={close} />
      )}
    </Modal>
  )
}
