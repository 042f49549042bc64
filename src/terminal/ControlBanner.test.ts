// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { MAX_BANNER_CHARS } from '~/protocol'
import ControlBanner from './ControlBanner.vue'
import { mountTerminal } from '~/test/mount-terminal'

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>'

describe('ControlBanner', () => {
  it('shows a banner holding HTML as text: no element is made from it', () => {
    const wrapper = mountTerminal(ControlBanner, { props: { banner: HOSTILE } })
    const current = wrapper.find('[data-testid="banner-current"]')
    expect(current.text()).toBe(HOSTILE)
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.find('script').exists()).toBe(false)
    expect(current.element.children).toHaveLength(0)
  })

  it('sends the text as typed and clears on its own button', async () => {
    const wrapper = mountTerminal(ControlBanner, { props: { banner: '热烈欢迎' } })
    await wrapper.find('[data-testid="banner-input"]').setValue(HOSTILE)
    await wrapper.find('form').trigger('submit')
    expect(wrapper.emitted('send')).toEqual([[HOSTILE]])
    await wrapper.find('[data-testid="banner-clear"]').trigger('click')
    expect(wrapper.emitted('clear')).toHaveLength(1)
  })

  it('counts as the server counts and says when the text is too long', async () => {
    const wrapper = mountTerminal(ControlBanner, { props: { banner: null } })
    const counter = wrapper.find('[data-testid="banner-counter"]')
    expect(counter.text()).toBe(`0 / ${MAX_BANNER_CHARS}`)
    // Line breaks become one space and the ends are trimmed before counting.
    await wrapper.find('[data-testid="banner-input"]').setValue('  欢迎\n\n代表团  ')
    expect(counter.text()).toBe(`5 / ${MAX_BANNER_CHARS}`)
    await wrapper.find('[data-testid="banner-input"]').setValue('长'.repeat(MAX_BANNER_CHARS + 1))
    expect(counter.attributes('data-too-long')).toBe('true')
    expect(counter.text()).toContain(`超出 ${MAX_BANNER_CHARS} 字`)
    expect(wrapper.find('[data-testid="banner-input"]').attributes('aria-invalid')).toBe('true')
  })

  it('has nothing to clear or send when empty', () => {
    const wrapper = mountTerminal(ControlBanner, { props: { banner: null } })
    expect(wrapper.find('[data-testid="banner-clear"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="banner-send"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="banner-current"]').text()).toBe('无')
  })
})
