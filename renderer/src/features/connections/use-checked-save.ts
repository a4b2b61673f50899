import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'

type TestResult = { ok: boolean; message: string }

/**
 * Saving a connection tests it first; a key or address that fails is saved only when the person
 * says "Save anyway" after reading why. `changed` resets the answer when a field changes.
 */
export function useCheckedSave<T>(test: () => Promise<TestResult>, save: () => Promise<T>, onSaved: (saved: T) => void) {
  const [result, setResult] = useState<TestResult>()
  const tested = useMutation({ mutationFn: test, onSuccess: setResult })
  const saved = useMutation({ mutationFn: save, onSuccess: onSaved })
  return {
    result,
    testing: tested.isPending,
    saving: saved.isPending,
    error: tested.error ?? saved.error,
    /** Offered once a test has failed for the values as they are. */
    canSaveAnyway: result !== undefined && !result.ok,
    test: () => tested.mutate(),
    async checkThenSave(needsTest: boolean) {
      if (!needsTest) return saved.mutate()
      const answer = await tested.mutateAsync().catch(() => undefined)
      if (answer?.ok === true) saved.mutate()
    },
    saveAnyway: () => saved.mutate(),
    changed: () => setResult(undefined)
  }
}
