import { describe, expect, it } from 'vitest'
import { chooseProfile, gridGap, typeScale, WALL_PROFILES, wideBoost } from './profiles'

const byId = (id: string) => WALL_PROFILES.find(p => p.id === id)!

describe('chooseProfile', () => {
  it('picks each wall for its own size', () => {
    for (const profile of WALL_PROFILES)
      expect(chooseProfile({ width: profile.width, height: profile.height }).id).toBe(profile.id)
  })

  it('picks by shape first, then by height among walls of the same shape', () => {
    expect(chooseProfile({ width: 1280, height: 720 }).id).toBe('hd-16x9')
    expect(chooseProfile({ width: 3600, height: 1000 }).id).toBe('wall-3840')
    expect(chooseProfile({ width: 7000, height: 2000 }).id).toBe('wall-32x9')
    expect(chooseProfile({ width: 5000, height: 940 }).id).toBe('wall-5760')
    expect(chooseProfile({ width: 10000, height: 1900 }).id).toBe('wall-48x9')
  })

  it('takes the requested profile, and ignores an unknown id', () => {
    expect(chooseProfile({ width: 1920, height: 1080 }, 'wall-32x9').id).toBe('wall-32x9')
    expect(chooseProfile({ width: 1920, height: 1080 }, 'nope').id).toBe('hd-16x9')
  })

  it('survives a zero-sized window', () => {
    expect(chooseProfile({ width: 0, height: 0 })).toBeDefined()
  })
})

describe('typeScale', () => {
  it('derives body type from the wall\'s height: 36 px at 2160, 18 px at 1080', () => {
    expect(typeScale({ width: 7680, height: 2160 }, byId('wall-32x9')).base).toBe(36)
    expect(typeScale({ width: 3840, height: 1080 }, byId('wall-3840')).base).toBe(18)
    expect(typeScale({ width: 1920, height: 1080 }, byId('hd-16x9')).base).toBe(18)
  })

  it('sets larger type on walls wider than 32:9, seen from further away', () => {
    expect(wideBoost(byId('wall-48x9'))).toBeCloseTo(Math.sqrt(1.5))
    expect(wideBoost(byId('wall-32x9'))).toBe(1)
    expect(wideBoost(byId('hd-16x9'))).toBe(1)
    expect(typeScale({ width: 11520, height: 2160 }, byId('wall-48x9')).base).toBe(44)
    expect(typeScale({ width: 5760, height: 1080 }, byId('wall-5760')).base).toBe(22)
    // never more than a quarter larger, however wide
    expect(wideBoost({ id: 'strip', width: 20000, height: 1000, columns: 20, rows: 2, label: '' })).toBe(1.25)
  })

  it('keeps its steps in order', () => {
    const s = typeScale({ width: 7680, height: 2160 }, byId('wall-32x9'))
    expect(s.small).toBeLessThan(s.base)
    expect(s.base).toBeLessThan(s.title)
    expect(s.title).toBeLessThan(s.header)
    expect(s.gauge).toBeLessThan(s.figure)
  })

  it('sizes by the width when a wide profile is forced onto a narrower window, so nothing is cut', () => {
    // 3840 px wide at 32:9 is 1080 px of wall height
    expect(typeScale({ width: 3840, height: 2160 }, byId('wall-32x9')).base).toBe(18)
  })

  it('never goes below a legible minimum: 12 px for the smallest print', () => {
    expect(typeScale({ width: 200, height: 100 }, byId('hd-16x9')).base).toBe(13)
    expect(typeScale({ width: 200, height: 100 }, byId('hd-16x9')).small).toBe(12)
    expect(typeScale({ width: 1366, height: 768 }, byId('hd-16x9')).small).toBe(12)
    expect(typeScale({ width: 390, height: 844 }, byId('phone-portrait')).small).toBeGreaterThanOrEqual(12)
    expect(gridGap(typeScale({ width: 200, height: 100 }, byId('hd-16x9')))).toBeGreaterThanOrEqual(4)
  })
})
