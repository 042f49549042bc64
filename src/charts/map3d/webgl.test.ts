import { describe, expect, it, vi } from 'vitest'
import { detectWebgl, isSoftwareRenderer, probeWebgl } from './webgl'

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

describe('probeWebgl', () => {
  const withRenderer = (name: string, unmasked = true) => canvasWith(kind => kind === 'webgl2'
    ? {
        RENDERER: 0x1F01,
        getExtension: (ext: string) => ext === 'WEBGL_debug_renderer_info' && unmasked ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : ext === 'WEBGL_lose_context' ? { loseContext: () => {} } : null,
        getParameter: (p: number) => p === 0x9246 ? name : 'WebKit WebGL',
      }
    : null)

  it('tells a CPU renderer from a GPU', () => {
    expect(probeWebgl(withRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)'))).toEqual({ available: true, software: true })
    expect(probeWebgl(withRenderer('llvmpipe (LLVM 15.0.6, 256 bits)'))).toEqual({ available: true, software: true })
    expect(probeWebgl(withRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)'))).toEqual({ available: true, software: false })
    // without the debug extension the masked name says nothing: taken as a GPU
    expect(probeWebgl(withRenderer('SwiftShader', false))).toEqual({ available: true, software: false })
    expect(probeWebgl(canvasWith(() => null))).toEqual({ available: false, software: false })
  })

  it('names the renderers that draw on the CPU', () => {
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true)
    expect(isSoftwareRenderer('Mesa Intel(R) UHD Graphics 620')).toBe(false)
  })
})
