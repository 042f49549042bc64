// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mountWall } from '~/test/mount-wall'
import ConnectionBadge from './ConnectionBadge.vue'

describe('ConnectionBadge', () => {
  it('shows the status and the age of the newest data', () => {
    const wrapper = mountWall(ConnectionBadge, { props: { status: 'live', dataAgeMs: 3_000 } })
    expect(wrapper.attributes('data-testid')).toBe('connection-badge')
    expect(wrapper.attributes('data-status')).toBe('live')
    expect(wrapper.text()).toContain('实时')
    expect(wrapper.text()).toContain('数据 3秒前')
  })

  it('says so when there is no data yet, and when offline', async () => {
    const wrapper = mountWall(ConnectionBadge, { props: { status: 'reconnecting', dataAgeMs: null } }, 'en')
    expect(wrapper.text()).toContain('Reconnecting')
    expect(wrapper.text()).toContain('no data yet')
    await wrapper.setProps({ status: 'offline', dataAgeMs: 125_000 })
    expect(wrapper.attributes('data-status')).toBe('offline')
    expect(wrapper.text()).toContain('data 2 min old')
  })

  it('stays connected but says the source is stalled when the hub reports its upstream stale', async () => {
    const wrapper = mountWall(ConnectionBadge, { props: { status: 'live', dataAgeMs: 36_000, upstreamStale: true } })
    expect(wrapper.attributes('data-status')).toBe('live')
    expect(wrapper.attributes('data-upstream')).toBe('stale')
    expect(wrapper.classes()).toContain('badge--stalled')
    expect(wrapper.text()).toContain('数据源停滞')
    expect(wrapper.text()).toContain('数据 36秒前')
    await wrapper.setProps({ upstreamStale: false })
    expect(wrapper.attributes('data-upstream')).toBeUndefined()
    expect(wrapper.text()).toContain('实时')
  })

  it('says the hub is out of reach, not the source, when the connection is down', () => {
    const wrapper = mountWall(ConnectionBadge, { props: { status: 'offline', dataAgeMs: 40_000, upstreamStale: true } }, 'en')
    expect(wrapper.attributes('data-upstream')).toBeUndefined()
    expect(wrapper.text()).toContain('Offline')
    expect(wrapper.text()).not.toContain('Source stalled')
  })
})
