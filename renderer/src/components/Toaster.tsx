import * as Toast from '@radix-ui/react-toast'
import { useNotices } from '../state/notices-store'

/** Short confirmations and failures (Radix toasts: announced to screen readers, dismissible). */
export function Toaster() {
  const { notices, dismiss } = useNotices()
  return (
    <Toast.Provider swipeDirection="right" duration={6000}>
      {notices.map((notice) => (
        <Toast.Root
          key={notice.id}
          className={`toast toast-${notice.tone}`}
          // What went wrong at start-up must be read, not missed: it waits for Dismiss.
          {...(notice.tone === 'warning' ? { duration: Infinity, type: 'foreground' as const } : {})}
          onOpenChange={(open) => !open && dismiss(notice.id)}
        >
          <Toast.Description>{notice.text}</Toast.Description>
          <Toast.Close className="btn ghost">Dismiss</Toast.Close>
        </Toast.Root>
      ))}
      <Toast.Viewport className="toast-viewport" />
    </Toast.Provider>
  )
}
