/**
 * One clock for every running counter (PanelKpiValue): they step together four times a second.
 * A feed message that moves eight counters then costs a handful of frames, all counters changing
 * in the same ones, instead of a frame per display refresh for as long as the run lasts: on a wall
 * of 7680×2160 with software compositing every frame is a commit the main thread waits for.
 * The clock runs only while some counter runs.
 */

/** Time between two steps of a run: 4 a second: still reads as counting, and a run of 900 ms is 4 frames. */
export const COUNTER_STEP_MS = 250

type Step = (now: number) => void

const running = new Set<Step>()
let timer: ReturnType<typeof setInterval> | null = null

function tick(): void {
  const now = Date.now()
  for (const step of [...running])
    step(now)
}

/** Call `step` on every tick of the shared clock until the returned function is called. */
export function onCounterStep(step: Step): () => void {
  running.add(step)
  timer ??= setInterval(tick, COUNTER_STEP_MS)
  return () => {
    running.delete(step)
    if (running.size === 0 && timer !== null) {
      clearInterval(timer)
      timer = null
    }
  }
}
