/**
 * Mounting for the terminal's component tests: the wall's catalogues with the terminal's
 * namespace beside them, as the app has them, in the chosen language.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import type { Component } from 'vue'
import { createI18n } from 'vue-i18n'
import type { WallLocale } from '~/config'
import { MESSAGES } from '~/i18n'
import terminalEn from '~/i18n/terminal.en'
import terminalZhCN from '~/i18n/terminal.zh-CN'

export function createTerminalI18n(locale: WallLocale = 'zh-CN') {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: {
      'zh-CN': { ...MESSAGES['zh-CN'], terminal: terminalZhCN },
      'en': { ...MESSAGES.en, terminal: terminalEn },
    },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export function mountTerminal<C extends Component>(component: C, options: ComponentMountingOptions<C> = {}, locale: WallLocale = 'zh-CN') {
  const i18n = createTerminalI18n(locale)
  return mount(component, {
    ...options,
    global: { ...options.global, plugins: [...(options.global?.plugins ?? []), i18n] },
  } as ComponentMountingOptions<C>)
}
