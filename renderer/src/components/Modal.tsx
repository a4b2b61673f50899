import * as Dialog from '@radix-ui/react-dialog'
import { X } from 'lucide-react'
import type { ReactNode } from 'react'

interface ModalProps {
  open: boolean
  onOpenChange(open: boolean): void
  title: string
  description?: string
  /** A drawer slides in from the side (details); a dialog sits in the middle. */
  variant?: 'dialog' | 'drawer'
  children: ReactNode
}

/** Radix's dialog (focus trap, Escape, labelled) in the app's two shapes. */
export function Modal({ open, onOpenChange, title, description, variant = 'dialog', children }: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="overlay" />
        <Dialog.Content
          className={variant === 'drawer' ? 'drawer' : 'dialog'}
          aria-describedby={description === undefined ? undefined : 'modal-description'}
        >
          <header className="modal-header">
            <Dialog.Title className="modal-title">{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label="Close">
              <X aria-hidden="true" size={18} />
            </Dialog.Close>
          </header>
          {description !== undefined && (
            <Dialog.Description id="modal-description" className="muted">
              {description}
            </Dialog.Description>
          )}
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
