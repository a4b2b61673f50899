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
          // A warning asks the person to do something: it stays long enough to be read twice.
          {...(notice.tone === 'warning' ? { duration: 15_000, type: 'foreground' as const } : {})}
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
