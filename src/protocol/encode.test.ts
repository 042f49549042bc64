import { describe, expect, it } from 'vitest'
import { decodeServerFrame } from './decode'
import { errorFrame } from './encode'

describe('errorFrame', () => {
  it('builds a notice the wall decodes, with its code and message', () => {
    const now = Date.UTC(2026, 2, 5, 2)
    const { message, rejections } = decodeServerFrame(errorFrame(19, now, 'upstreamDown', 'national data source unreachable; figures frozen'), now)
    expect(rejections).toEqual([])
    expect(message).toMatchObject({ type: 'error', seq: 19, ts: now, code: 'upstreamDown', message: 'national data source unreachable; figures frozen' })
  })

  it('is held to the envelope: an over-long code is rejected, not shown', () => {
    const now = Date.UTC(2026, 2, 5, 2)
    const { message, rejections } = decodeServerFrame(errorFrame(20, now, 'x'.repeat(65), 'too long a code'), now)
    expect(message).toBeNull()
    expect(rejections).toHaveLength(1)
  })
})
