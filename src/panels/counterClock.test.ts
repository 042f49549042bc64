import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { COUNTER_STEP_MS, onCounterStep } from './counterClock'

describe('onCounterStep', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('steps every running counter on the same tick', () => {
    const a = vi.fn()
    const b = vi.fn()
    const stopA = onCounterStep(a)
    vi.advanceTimersByTime(COUNTER_STEP_MS / 2)
    const stopB = onCounterStep(b)
    vi.advanceTimersByTime(COUNTER_STEP_MS / 2)
    // b joined mid-period and still ticks with a
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(1)
    expect(a.mock.calls[0]![0]).toBe(b.mock.calls[0]![0])
    stopA()
    vi.advanceTimersByTime(COUNTER_STEP_MS)
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
    stopB()
  })

  it('stops its timer when no counter runs', () => {
    const stop = onCounterStep(() => {})
    expect(vi.getTimerCount()).toBe(1)
    stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('lets a counter stop itself from its own step', () => {
    const calls: number[] = []
    const stop = onCounterStep((now) => {
      calls.push(now)
      stop()
    })
    vi.advanceTimersByTime(COUNTER_STEP_MS * 3)
    expect(calls).toHaveLength(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})
