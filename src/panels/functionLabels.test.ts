// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { defineComponent, h, nextTick } from 'vue'
import { useI18n } from 'vue-i18n'
import { INQUIRY_AGENCIES } from '~/protocol'
import { useNames } from './functionLabels'
import { mountWall } from '~/test/mount-wall'

describe('useNames', () => {
  it('names every key in the wall\'s language, and again when the language changes', async () => {
    let names: ReturnType<typeof useNames<(typeof INQUIRY_AGENCIES)[number]>> | undefined
    let setLocale: (locale: string) => void = () => {}
    const Probe = defineComponent({
      setup() {
        names = useNames('inquiry.agency', INQUIRY_AGENCIES)
        const { locale } = useI18n()
        setLocale = (next) => { locale.value = next }
        return () => h('span', names!.value.bank)
      },
    })
    const wrapper = mountWall(Probe)
    expect(Object.keys(names!.value)).toEqual([...INQUIRY_AGENCIES])
    expect(wrapper.text()).toBe('银行')
    const first = names!.value
    // looked up once: the same record until the language changes
    expect(names!.value).toBe(first)
    setLocale('en')
    await nextTick()
    expect(wrapper.text()).toBe('Banks')
    expect(Object.values(names!.value).every(name => name.length > 0 && !name.startsWith('inquiry.'))).toBe(true)
  })
})
