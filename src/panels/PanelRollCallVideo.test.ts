// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import PanelRollCallVideo from './PanelRollCallVideo.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelRollCallVideo', () => {
  it('shows a placeholder frame naming the slot and the court when there is no video', () => {
    const wrapper = mountWall(PanelRollCallVideo, { props: { courtId: '320000-basic-37', videoUrl: null } })
    expect(wrapper.attributes('data-has-video')).toBe('false')
    expect(wrapper.find('video').exists()).toBe(false)
    const placeholder = wrapper.find('[data-testid="video-placeholder"]')
    expect(placeholder.text()).toContain('视频接入位')
    expect(placeholder.text()).toContain('320000-basic-37')
    const en = mountWall(PanelRollCallVideo, { props: { courtId: '320000-basic-37', videoUrl: null } }, 'en')
    expect(en.text()).toContain('Video slot')
    expect(en.text()).toContain('Court 320000-basic-37')
  })

  it('plays the court\'s video muted, on its own, inline, the placeholder showing until the first frame', async () => {
    const url = 'https://video.example.org/live/310000-high-1.mp4'
    const wrapper = mountWall(PanelRollCallVideo, { props: { courtId: '310000-high-1', videoUrl: url } })
    expect(wrapper.attributes('data-has-video')).toBe('true')
    const video = wrapper.find('video')
    expect(video.exists()).toBe(true)
    const el = video.element as HTMLVideoElement
    expect(el.getAttribute('src')).toBe(url)
    expect(el.muted).toBe(true)
    expect(el.autoplay).toBe(true)
    expect(el.hasAttribute('playsinline')).toBe(true)
    expect(wrapper.attributes('data-ready')).toBe('false')
    expect(wrapper.find('[data-testid="video-placeholder"]').exists()).toBe(true)
    await video.trigger('loadeddata')
    expect(wrapper.attributes('data-ready')).toBe('true')
    expect(wrapper.find('[data-testid="video-placeholder"]').exists()).toBe(false)
  })

  it('falls back to the placeholder when the video fails to load', async () => {
    const wrapper = mountWall(PanelRollCallVideo, { props: { courtId: '310000-high-1', videoUrl: 'https://video.example.org/missing.mp4' } })
    await wrapper.find('video').trigger('error')
    expect(wrapper.find('video').exists()).toBe(false)
    expect(wrapper.find('[data-testid="video-placeholder"]').exists()).toBe(true)
    await wrapper.setProps({ videoUrl: 'https://video.example.org/other.mp4' })
    expect(wrapper.find('video').exists()).toBe(true)
  })

  it('keeps the placeholder for an address it will not play', () => {
    const wrapper = mountWall(PanelRollCallVideo, { props: { courtId: '110000-basic-1', videoUrl: 'javascript:alert(1)' } })
    expect(wrapper.find('video').exists()).toBe(false)
    expect(wrapper.find('[data-testid="video-placeholder"]').exists()).toBe(true)
  })
})
