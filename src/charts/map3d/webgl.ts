/** Can this browser draw WebGL at all, and does a GPU draw it? Asked once, before echarts-gl is even downloaded. */

/** What the probe found. */
export interface WebglProbe {
  available: boolean
  /**
   * Drawn by the CPU (SwiftShader, llvmpipe, Microsoft Basic Render Driver): every frame of the 3D map
   * then costs the page seconds at wall size, so it is drawn at a lower resolution.
   */
  software: boolean
}

/** Renderer names of WebGL implementations that run on the CPU. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i

/**
 * Resolution of the 3D map's canvas on a software renderer, against the screen's own pixel ratio:
 * a quarter of the pixels to fill. Seen from across the room the map's smooth shapes lose little.
 */
export const SOFTWARE_GL_PIXEL_RATIO = 0.5

/** Is this WebGL renderer name one that draws on the CPU? */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE_RENDERERS.test(name)
}

/** The renderer's real name where the browser tells it; '' where it cannot be read. */
function rendererName(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null
    return String((info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) ?? '')
  }
  catch {
    return ''
  }
}

/**
 * Probe a canvas for a WebGL (2 or 1) context and read its renderer's name. The probe's context is
 * released at once: browsers cap live contexts, and the wall keeps exactly one, the map's.
 */
export function probeWebgl(createCanvas: () => HTMLCanvasElement = () => document.createElement('canvas')): WebglProbe {
  try {
    const canvas = createCanvas()
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null
    if (!gl)
      return { available: false, software: false }
    const name = rendererName(gl)
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return { available: true, software: isSoftwareRenderer(name) }
  }
  catch {
    return { available: false, software: false }
  }
}

/** True when a canvas gives a WebGL (2 or 1) context. */
export function detectWebgl(createCanvas?: () => HTMLCanvasElement): boolean {
  return probeWebgl(createCanvas).available
}
