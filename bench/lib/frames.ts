/** Frame rate while the wall updates, counted with requestAnimationFrame inside the page. */
import type { Page } from 'playwright-core'
import { NAME_SHIM } from '../../e2e/harness.ts'

export interface FrameStats {
  frames: number
  seconds: number
  fps: number
  /** longest gap between two frames */
  worstFrameMs: number
  /** 95th percentile gap between two frames */
  p95FrameMs: number
}

export async function measureFrames(page: Page, ms: number): Promise<FrameStats> {
  await page.evaluate(NAME_SHIM)
  return page.evaluate(async (duration) => {
    const gaps: number[] = []
    const start = await new Promise<number>(resolve => requestAnimationFrame(resolve))
    let last = start
    const end = await new Promise<number>((resolve) => {
      const tick = (now: number): void => {
        gaps.push(now - last)
        last = now
        if (now - start >= duration)
          resolve(now)
        else
          requestAnimationFrame(tick)
      }
      requestAnimationFrame(tick)
    })
    const sorted = [...gaps].sort((a, b) => a - b)
    const seconds = (end - start) / 1000
    return {
      frames: gaps.length,
      seconds,
      fps: gaps.length / seconds,
      worstFrameMs: sorted[sorted.length - 1] ?? 0,
      p95FrameMs: sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? 0,
    }
  }, ms)
}
