/** Can this browser draw WebGL at all? Asked once, before echarts-gl is even downloaded. */

/**
 * True when a canvas gives a WebGL (2 or 1) context. The probe's context is released at once:
 * browsers cap live contexts, and the wall keeps exactly one, the map's.
 */
export function detectWebgl(createCanvas: () => HTMLCanvasElement = () => document.createElement('canvas')): boolean {
  try {
    const canvas = createCanvas()
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | WebGL2RenderingContext | null
    if (!gl)
      return false
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return true
  }
  catch {
    return false
  }
}
