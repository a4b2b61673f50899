import { randomBytes } from 'node:crypto'

/** An S3-style refusal: status, Code, Message and any extra elements (ProposedSize …). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string | number> = {}
  ) {
    super(message)
  }

  toXml(): string {
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    const extra = Object.entries(this.extra)
      .map(([name, value]) => `<${name}>${escape(String(value))}</${name}>`)
      .join('')
    const id = randomBytes(8).toString('hex').toUpperCase()
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${this.code}</Code><Message>${escape(this.message)}</Message>` +
      `${extra}<RequestId>${id}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`
    )
  }
}

export const policyFailed = (detail: string) => new S3Error(403, 'AccessDenied', `Invalid according to Policy: ${detail}`)
