import { describe, expect, it, vi } from 'vitest'
import { detectWebgl } from './webgl'

function canvasWith(getContext: (kind: string) => unknown) {
  return () => ({ getContext }) as unknown as HTMLCanvasElement
}

describe('detectWebgl', () => {
  it('is false when the browser gives no WebGL context', () => {
    expect(detectWebgl(canvasWith(() => null))).toBe(false)
  })

  it('is false when asking throws', () => {
    expect(detectWebgl(canvasWith(() => {
      throw new Error('blocked')
    }))).toBe(false)
  })

  it('takes WebGL 1 when 2 is missing, and releases the probe\'s context at once', () => {
    const loseContext = vi.fn()
    const asked: string[] = []
    const found = detectWebgl(canvasWith((kind) => {
      asked.push(kind)
      return kind === 'webgl' ? { getExtension: (name: string) => name === 'WEBGL_lose_context' ? { loseContext } : null } : null
    }))
    expect(found).toBe(true)
    expect(asked).toEqual(['webgl2', 'webgl'])
    expect(loseContext).toHaveBeenCalledOnce()
  })
})
