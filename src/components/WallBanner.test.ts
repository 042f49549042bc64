// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mountWall } from '~/test/mount-wall'
import WallBanner from './WallBanner.vue'

const HOSTILE = '<img src=x onerror=alert(1)>'

describe('WallBanner', () => {
  it('shows markup as the characters typed, never as an element', () => {
    const wrapper = mountWall(WallBanner, { props: { text: HOSTILE }, attachTo: document.body })
    expect(wrapper.find('img').exists()).toBe(false)
    expect(document.querySelector('img')).toBeNull()
    expect(wrapper.find('[data-testid="wall-banner-text"]').text()).toBe(HOSTILE)
    expect(wrapper.html()).toContain('&lt;img src=x onerror=alert(1)&gt;')
    wrapper.unmount()
  })

  it('shows a plain announcement once, with its tag, and does not scroll a line that fits', () => {
    const wrapper = mountWall(WallBanner, { props: { text: '热烈欢迎最高人民法院调研组莅临指导' } })
    expect(wrapper.attributes('data-testid')).toBe('wall-banner')
    expect(wrapper.text()).toContain('热烈欢迎最高人民法院调研组莅临指导')
    expect(wrapper.text()).toContain('通知')
    expect(wrapper.findAll('.wall-banner__line')).toHaveLength(1)
    expect(wrapper.attributes('data-scrolling')).toBe('false')
    wrapper.unmount()
  })

  it('speaks English on an English wall', () => {
    const wrapper = mountWall(WallBanner, { props: { text: 'Video conference at 15:00' } }, 'en')
    expect(wrapper.text()).toContain('NOTICE')
    expect(wrapper.attributes('aria-label')).toBe('Announcement')
    wrapper.unmount()
  })
})
