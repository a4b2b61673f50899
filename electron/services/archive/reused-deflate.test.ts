import { randomBytes } from 'node:crypto'
import { inflateRawSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { ReusedDeflate } from './reused-deflate'

/** Compressible text that differs from buffer to buffer, so output swapped between calls shows. */
function text(size: number, seed: number): Buffer {
  return Buffer.from(
    Array.from({ length: size }, (_, at) => String.fromCharCode(97 + ((at * 7 + seed * 13 + Math.floor(at / 97)) % 26))).join('')
  )
}

describe('one deflate stream reused across buffers', () => {
  it('gives each buffer a complete stream of its own, untouched by the calls after it', () => {
    const deflater = new ReusedDeflate(1)
    // Small and large (past minizlib's 16 KiB output chunk), compressible and not, one byte.
    const inputs = [text(3000, 1), randomBytes(5000), text(40_000, 2), Buffer.from('x'), randomBytes(70_000), text(1, 3), text(20_000, 4)]
    const outputs = inputs.map((input) => deflater.deflate(input))
    deflater.close()
    outputs.forEach((output, index) => expect(inflateRawSync(output).equals(inputs[index] as Buffer)).toBe(true))
    expect(outputs[0]?.length).toBeLessThan(1000)
  })

  it('works again after close, with a fresh stream', () => {
    const deflater = new ReusedDeflate(6)
    deflater.deflate(text(500, 5))
    deflater.close()
    const again = text(800, 6)
    expect(inflateRawSync(deflater.deflate(again)).equals(again)).toBe(true)
    deflater.close()
  })
})
