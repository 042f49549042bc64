/**
 * Which language a wall speaks: `?lang=` on this wall first (a local override, e.g. an English wall
 * in a side room), then the language the operator set for the room (wall state), then the wall's
 * own default (config/wall.json).
 */
import { watch, type Ref } from 'vue'
import type { WallLocale } from '~/config'
import type { RoomLanguage } from '~/protocol'

export interface RoomLanguageInputs {
  /** the locale ?lang= chose, or null */
  override: WallLocale | null
  /** the room's language from the wall state; null or undefined: none set */
  room: RoomLanguage | null | undefined
  /** config/wall.json's defaultLocale */
  fallback: WallLocale
}

export function wallLocale({ override, room, fallback }: RoomLanguageInputs): WallLocale {
  return override ?? room ?? fallback
}

export interface UseRoomLanguageOptions {
  /** the i18n locale to set */
  locale: Ref<string>
  /** the room's language, read reactively from the wall state */
  room: () => RoomLanguage | null | undefined
  override: WallLocale | null
  fallback: WallLocale
  /** also told of every change (the document's lang attribute) */
  onChange?: (locale: WallLocale) => void
}

/** Keep `locale` on the wall's language as the wall state changes; returns the stop function. */
export function useRoomLanguage(options: UseRoomLanguageOptions): () => void {
  return watch(() => wallLocale({ override: options.override, room: options.room(), fallback: options.fallback }), (next) => {
    options.locale.value = next
    options.onChange?.(next)
  }, { immediate: true })
}
