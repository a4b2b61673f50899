/**
 * Whether each answer is checked against the contract's output schema before it leaves: in
 * development and tests, so a handler that answers out of contract fails there; not in production
 * builds, where the check would only cost time (electron-vite replaces `import.meta.env` at build).
 */
export const checkAnswers: boolean = (import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD !== true
