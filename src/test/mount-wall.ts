/** Mounts a component for a test with i18n in the chosen language, and nothing else global. */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import type { WallLocale } from '~/config'
import { createWallI18n } from '~/i18n'

export function mountWall<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}, locale: WallLocale = 'zh-CN') {
  const i18n = createWallI18n(locale)
  return mount(component, {
    ...options,
    global: { ...options.global, plugins: [...(options.global?.plugins ?? []), i18n] },
  } as ComponentMountingOptions<C>)
}
