import { describe, expect, it } from 'vitest'
import { decodeClientFrame, decodeControlRequest } from '#protocol'
import { frameText } from './frame.ts'

describe('frameText', () => {
  it('reads a text frame however ws delivers it: one buffer, fragments, an ArrayBuffer', () => {
    const text = '{"v":1,"type":"resync"}'
    const bytes = Buffer.from(text, 'utf8')
    expect(frameText(bytes, false)).toBe(text)
    expect(frameText([bytes.subarray(0, 5), bytes.subarray(5)], false)).toBe(text)
    const copy = new ArrayBuffer(bytes.length)
    new Uint8Array(copy).set(bytes)
    expect(frameText(copy, false)).toBe(text)
  })

  it('keeps characters split across fragments whole', () => {
    const bytes = Buffer.from('执行', 'utf8')
    expect(frameText([bytes.subarray(0, 2), bytes.subarray(2)], false)).toBe('执行')
  })

  it('gives null for a binary frame, which both decoders refuse', () => {
    const binary = Buffer.from('{"v":1,"type":"resync"}', 'utf8')
    expect(frameText(binary, true)).toBeNull()
    expect(decodeClientFrame(frameText(binary, true)).rejections[0]?.reason).toBe('binaryFrame')
    expect(decodeControlRequest(frameText(binary, true))).toMatchObject({ ok: false, code: 'badCommand' })
  })
})
