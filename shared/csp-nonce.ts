/**
 * Stands in index.html for the CSP nonce. Whoever serves the page (app:// in the app, the bridge in
 * a browser) replaces it with a fresh random value each time, so only styles the app marks apply.
 */
export const CSP_NONCE_PLACEHOLDER = '__PORTER_CSP_NONCE__'
