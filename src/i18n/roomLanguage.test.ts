import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import type { RoomLanguage } from '~/protocol'
import { useRoomLanguage, wallLocale } from './roomLanguage'

describe('the room\'s language', () => {
  it('is ?lang= first, then the operator\'s choice, then the wall\'s default', () => {
    expect(wallLocale({ override: null, room: null, fallback: 'zh-CN' })).toBe('zh-CN')
    expect(wallLocale({ override: null, room: 'en', fallback: 'zh-CN' })).toBe('en')
    expect(wallLocale({ override: 'zh-CN', room: 'en', fallback: 'zh-CN' })).toBe('zh-CN')
    expect(wallLocale({ override: null, room: undefined, fallback: 'en' })).toBe('en')
  })

  it('follows the wall state as the operator switches it', async () => {
    const locale = ref('zh-CN')
    const room = ref<RoomLanguage | null>(null)
    const seen: string[] = []
    const stop = useRoomLanguage({ locale, room: () => room.value, override: null, fallback: 'zh-CN', onChange: l => seen.push(l) })
    room.value = 'en'
    await nextTick()
    expect(locale.value).toBe('en')
    room.value = 'zh-CN'
    await nextTick()
    expect(locale.value).toBe('zh-CN')
    stop()
    expect(seen).toEqual(['zh-CN', 'en', 'zh-CN'])
  })

  it('leaves a wall opened with ?lang= as it is', async () => {
    const locale = ref('en')
    const room = ref<RoomLanguage | null>('zh-CN')
    useRoomLanguage({ locale, room: () => room.value, override: 'en', fallback: 'zh-CN' })
    await nextTick()
    expect(locale.value).toBe('en')
  })
})
