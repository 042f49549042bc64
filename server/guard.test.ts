import { describe, expect, it } from 'vitest'
import { createConnectionCap, createKeyedRateLimiter, createLockout, createThrottledLog, escapeForLog } from './guard.ts'
import { DEFAULT_LIMITS, resolveLimits } from './limits.ts'

describe('connection cap per address', () => {
  it('admits up to the cap, refuses the next, and admits again after a release', () => {
    const cap = createConnectionCap(2)
    const a = cap.admit('10.0.0.5')
    const b = cap.admit('10.0.0.5')
    expect(a).toBeTypeOf('function')
    expect(b).toBeTypeOf('function')
    expect(cap.admit('10.0.0.5')).toBeNull()
    expect(cap.admit('10.0.0.6')).not.toBeNull()
    a!()
    a!() // releasing twice frees one slot only
    expect(cap.count('10.0.0.5')).toBe(1)
    expect(cap.admit('10.0.0.5')).not.toBeNull()
    expect(cap.admit('10.0.0.5')).toBeNull()
  })
})

describe('rate limit per key across connections', () => {
  it('shares one bucket per key, whatever the number of connections', () => {
    let t = 0
    const limiter = createKeyedRateLimiter({ ratePerSec: 10, burst: 10, maxKeys: 100, now: () => t })
    let allowed = 0
    for (let i = 0; i < 100; i++)
      allowed += limiter.tryTake('token-a') ? 1 : 0
    expect(allowed).toBe(10)
    expect(limiter.tryTake('token-b')).toBe(true)
    t += 1000
    allowed = 0
    for (let i = 0; i < 100; i++)
      allowed += limiter.tryTake('token-a') ? 1 : 0
    expect(allowed).toBe(10)
  })

  it('forgets the oldest key beyond maxKeys, so a flood of addresses stays bounded', () => {
    const limiter = createKeyedRateLimiter({ ratePerSec: 1, burst: 1, maxKeys: 2, now: () => 0 })
    expect(limiter.tryTake('a')).toBe(true)
    expect(limiter.tryTake('a')).toBe(false)
    limiter.tryTake('b')
    limiter.tryTake('c')
    expect(limiter.tryTake('a')).toBe(true)
  })
})

describe('lock-out after wrong tokens', () => {
  it('lets a few typos pass, then doubles the lock with every further failure up to the maximum', () => {
    let t = 0
    const lockout = createLockout({ freeFailures: 3, baseMs: 1000, maxMs: 8000, forgetMs: 60_000, maxAddresses: 10, now: () => t })
    expect([lockout.fail('x'), lockout.fail('x'), lockout.fail('x')]).toEqual([0, 0, 0])
    expect(lockout.lockedFor('x')).toBe(0)
    expect(lockout.fail('x')).toBe(1000)
    expect(lockout.lockedFor('x')).toBe(1000)
    expect(lockout.lockedFor('y')).toBe(0)
    t += 1000
    expect(lockout.fail('x')).toBe(2000)
    expect(lockout.fail('x')).toBe(4000)
    expect(lockout.fail('x')).toBe(8000)
    expect(lockout.fail('x')).toBe(8000)
    t += 500
    expect(lockout.lockedFor('x')).toBe(7500)
  })

  it('clears on the right token and forgets a quiet address', () => {
    let t = 0
    const lockout = createLockout({ freeFailures: 0, baseMs: 1000, maxMs: 8000, forgetMs: 60_000, maxAddresses: 10, now: () => t })
    lockout.fail('x')
    lockout.succeed('x')
    expect(lockout.lockedFor('x')).toBe(0)
    lockout.fail('y')
    lockout.fail('y')
    t += 60_001
    expect(lockout.fail('y')).toBe(1000)
  })
})

describe('log throttling', () => {
  it('writes one line per kind per window, then the count of the rest', () => {
    let t = 0
    const lines: string[] = []
    const log = createThrottledLog(line => lines.push(line), { windowMs: 10_000, now: () => t })
    for (let i = 0; i < 2919; i++)
      log.event('rateLimited', `closed for rate abuse ${i}`)
    log.event('badToken', 'wrong token')
    expect(lines).toEqual(['closed for rate abuse 0', 'wrong token'])
    expect(log.suppressed()).toEqual({ rateLimited: 2918 })
    t += 10_000
    log.event('rateLimited', 'closed again')
    expect(lines[2]).toBe('closed again (+2918 more like it in the last 10 s)')
  })
})

describe('escaping client text for the log', () => {
  it('turns newlines and control characters into escapes, so a frame cannot forge a line', () => {
    const forged = 'x\n2026-01-01T00:00:00.000Z [control] command address=1.2.3.4 action=showPage'
    const escaped = escapeForLog(forged, 200)
    expect(escaped).not.toContain('\n')
    expect(escaped.startsWith('x\\u000a2026')).toBe(true)
    expect(escapeForLog('\u001B[31mred\u202Eevil\r')).toBe('\\u001b[31mred\\u202eevil\\u000d')
    expect(escapeForLog('a\\u000a')).toBe('a\\\\u000a')
  })

  it('cuts long text', () => {
    expect(escapeForLog('a'.repeat(500), 10)).toBe(`${'a'.repeat(10)}…`)
  })
})

describe('limits', () => {
  it('every default is a positive number and overrides replace only what they name', () => {
    for (const value of Object.values(DEFAULT_LIMITS))
      expect(value).toBeGreaterThan(0)
    const limits = resolveLimits({ feedConnectionsPerAddress: 500 })
    expect(limits.feedConnectionsPerAddress).toBe(500)
    expect(limits.controlConnectionsPerAddress).toBe(DEFAULT_LIMITS.controlConnectionsPerAddress)
  })
})
