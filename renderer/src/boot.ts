import { setNonce } from 'get-nonce'
import * as z from 'zod'

// Imported first by main.tsx, before anything renders or parses.
// zod probes `new Function` to decide on its fast path; under our CSP that probe is a violation.
z.config({ jitless: true })
// Radix's scroll lock adds a <style>; it carries the page's CSP nonce so style-src stays strict.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce
if (nonce !== undefined && nonce !== '') setNonce(nonce)
