/**
 * The wall's layout at its real pixels: which profile, the grid, the type scale, as CSS variables.
 * WallShell calls it once and provides it; screens inject it to pass sizes on to panels.
 */
import { computed, inject, onScopeDispose, shallowRef, type ComputedRef, type InjectionKey, type ShallowRef } from 'vue'
import { chooseProfile, gridGap, typeScale, type TypeScale, type Viewport, type WallProfile } from './profiles'

export interface WallLayout {
  viewport: ShallowRef<Viewport>
  profile: ComputedRef<WallProfile>
  scale: ComputedRef<TypeScale>
  gap: ComputedRef<number>
  /** custom properties for the shell's root element: --wall-columns, --wall-rows, --wall-gap, --fs-* */
  cssVars: ComputedRef<Record<string, string>>
}

export interface UseWallLayoutOptions {
  /** a profile id (`?profile=`); default null = closest to the window's shape */
  profileId?: string | null
  /** the window to measure; default globalThis.window (tests pass a stand-in) */
  window?: Pick<Window, 'innerWidth' | 'innerHeight' | 'addEventListener' | 'removeEventListener'>
}

export const WALL_LAYOUT_KEY: InjectionKey<WallLayout> = Symbol('wall-layout')

export function useWallLayout(options: UseWallLayoutOptions = {}): WallLayout {
  const win = options.window ?? (typeof window === 'undefined' ? undefined : window)
  const measure = (): Viewport => ({ width: win?.innerWidth ?? 1920, height: win?.innerHeight ?? 1080 })
  const viewport = shallowRef<Viewport>(measure())
  const onResize = () => {
    viewport.value = measure()
  }
  win?.addEventListener('resize', onResize)
  onScopeDispose(() => win?.removeEventListener('resize', onResize))

  const profile = computed(() => chooseProfile(viewport.value, options.profileId ?? null))
  const scale = computed(() => typeScale(viewport.value, profile.value))
  const gap = computed(() => gridGap(scale.value))
  const cssVars = computed(() => {
    const s = scale.value
    return {
      '--wall-columns': String(profile.value.columns),
      '--wall-rows': String(profile.value.rows),
      '--wall-gap': `${gap.value}px`,
      '--fs-base': `${s.base}px`,
      '--fs-small': `${s.small}px`,
      '--fs-title': `${s.title}px`,
      '--fs-header': `${s.header}px`,
      '--fs-figure': `${s.figure}px`,
      '--fs-gauge': `${s.gauge}px`,
    }
  })
  return { viewport, profile, scale, gap, cssVars }
}

/** The layout WallShell provided; outside a shell (previews, tests), one measured from this window. */
export function injectWallLayout(): WallLayout {
  return inject(WALL_LAYOUT_KEY, () => useWallLayout(), true)
}
