/**
 * vue-i18n in Composition mode. The locale comes from the wall's settings (config/wall.json, `?lang=`);
 * every visible text on the wall goes through these catalogues.
 */
import { createI18n } from 'vue-i18n'
import { wallConfig, type WallLocale } from '~/config'
import en from './en'
import zhCN from './zh-CN'

export type MessageSchema = typeof zhCN

export const MESSAGES: Record<WallLocale, MessageSchema> = { 'zh-CN': zhCN, en }

/** Build an i18n instance; tests pass a locale, the app takes the configured one. */
export function createWallI18n(locale: WallLocale = wallConfig().locale) {
  return createI18n<[MessageSchema], WallLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: MESSAGES,
    // A missing key must show up in development, not as a silent key string on the wall.
    missingWarn: import.meta.env.DEV,
    fallbackWarn: false,
  })
}
