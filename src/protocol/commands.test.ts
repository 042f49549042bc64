import { describe, expect, it } from 'vitest'
import {
  controlAckFrame,
  controlCommandFrame,
  controlHelloFrame,
  controlNackFrame,
  controlStateFrame,
  controlWallsFrame,
  decodeControlRequest,
  decodeControlServerFrame,
  MAX_CONTROL_FRAME_BYTES,
  toPlainText,
  type ControlCommandInput,
} from './commands'
import type { WallState } from './control'

const state: WallState = {
  revision: 3,
  page: 'overview',
  focusUnitId: '440000',
  playlist: { items: [{ page: 'overview', dwellSec: 30 }], running: false, index: 0, itemStartedAt: null, remainingMs: null },
  blackout: false,
  banner: '<b>plain</b>',
  rotate3d: true,
  rollCall: { drawId: 'initial', count: 12, seed: 1, drawnAt: 0 },
  language: null,
  tour: null,
  updatedAt: 1_750_000_000_000,
}

describe('decodeControlRequest', () => {
  it('decodes every command kind', () => {
    const commands: ControlCommandInput[] = [
      { kind: 'showPage', page: 'overview' },
      { kind: 'focusUnit', unitId: '110000' },
      { kind: 'setPlaylist', items: [{ page: 'overview', dwellSec: 30 }] },
      { kind: 'playlistStart' },
      { kind: 'playlistPause' },
      { kind: 'playlistResume' },
      { kind: 'playlistSkipTo', index: 2 },
      { kind: 'setBlackout', on: true },
      { kind: 'setBanner', text: 'hello' },
      { kind: 'setBanner', text: null },
    ]
    for (const command of commands) {
      const decoded = decodeControlRequest(controlCommandFrame('c1', command))
      expect(decoded.ok, command.kind).toBe(true)
    }
  })

  it('fills in the focus page and keeps expectRevision', () => {
    const decoded = decodeControlRequest(controlCommandFrame('c2', { kind: 'focusUnit', unitId: '110000' }, 4))
    expect(decoded).toEqual({ ok: true, request: { v: 1, type: 'command', id: 'c2', expectRevision: 4, command: { kind: 'focusUnit', unitId: '110000', page: 'province' } } })
  })

  it('refuses broken frames with badCommand, keeping the id when it can be read', () => {
    expect(decodeControlRequest('{')).toMatchObject({ ok: false, id: null, code: 'badCommand' })
    expect(decodeControlRequest(new Uint8Array(3))).toMatchObject({ ok: false, code: 'badCommand' })
    expect(decodeControlRequest(JSON.stringify({ v: 1, type: 'command', id: 'x9', command: { kind: 'next' } })))
      .toMatchObject({ ok: false, id: 'x9', code: 'badCommand' })
    expect(decodeControlRequest(JSON.stringify({ v: 2, type: 'command', id: 'x', command: { kind: 'playlistStart' } })).ok).toBe(false)
    expect(decodeControlRequest(JSON.stringify({ v: 1, type: 'command', id: 'x', command: { kind: 'playlistStart', extra: 1 } })).ok).toBe(false)
    expect(decodeControlRequest(JSON.stringify({ v: 1, type: 'command', id: 'x'.repeat(65), command: { kind: 'playlistStart' } })).ok).toBe(false)
    expect(decodeControlRequest(JSON.stringify({ v: 1, type: 'command', id: 'x', command: { kind: 'setPlaylist', items: [{ page: 'a', dwellSec: '30' }] } })).ok).toBe(false)
    expect(decodeControlRequest('x'.repeat(MAX_CONTROL_FRAME_BYTES + 1))).toMatchObject({ ok: false, message: expect.stringContaining('bytes') })
  })
})

describe('server → control frames', () => {
  it('round-trip through decodeControlServerFrame', () => {
    const wall = { id: 'w1', address: '10.0.0.5', connectedAt: 1, lastSeenAt: 2, status: { page: 'overview', dataAgeMs: 1200, profile: 'wall-32x9', width: 7680, height: 2160 } }
    const frames = [
      controlHelloFrame(5, state, [wall], [{ id: 'overview', title: { zh: '总览', en: 'Overview' } }]),
      controlAckFrame('c1', 4),
      controlNackFrame(null, 'rateLimited', 'slow down', 4),
      controlStateFrame(5, state),
      controlWallsFrame(5, [{ ...wall, status: null }]),
    ]
    for (const frame of frames) {
      const decoded = decodeControlServerFrame(frame)
      expect(decoded.ok).toBe(true)
      if (decoded.ok)
        expect(decoded.message).toEqual(JSON.parse(frame))
    }
  })

  it('refuses a nack with an unknown code', () => {
    expect(decodeControlServerFrame(JSON.stringify({ v: 1, type: 'nack', id: null, code: 'oops', message: '', revision: 0 })).ok).toBe(false)
  })
})

describe('toPlainText', () => {
  it('makes one trimmed line without control characters', () => {
    expect(toPlainText('  a\r\nb\tc  ')).toBe('a b c')
    expect(toPlainText('x\u0000\u001B[31my\u007F')).toBe('x[31my')
    expect(toPlainText('\u202Eevil\u2066')).toBe('evil')
    expect(toPlainText('a\uD800b')).toBe('ab')
  })
  it('keeps HTML, CJK, emoji and ordinary spacing as they are', () => {
    expect(toPlainText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>')
    expect(toPlainText('执行 攻坚　决胜 👩‍⚖️')).toBe('执行 攻坚　决胜 👩‍⚖️')
  })
})
