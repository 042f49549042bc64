// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { mountWall } from '~/test/mount-wall'
import { TEST_TS } from '~/test/fixtures'
import WallBlackout from './WallBlackout.vue'

describe('WallBlackout', () => {
  it('shows the centre\'s name, the Beijing date and clock, and nothing else', () => {
    const wrapper = mountWall(WallBlackout, { props: { now: TEST_TS } })
    expect(wrapper.attributes('data-testid')).toBe('blackout')
    expect(wrapper.text()).toContain('最高人民法院执行指挥中心')
    // TEST_TS is 02:00 UTC = 10:00 in Beijing
    expect(wrapper.find('[data-testid="blackout-clock"]').text()).toBe('10:00:00')
    expect(wrapper.text()).toContain('2025年3月5日')
    expect(wrapper.findAll('[data-panel], [data-testid="kpi"], [data-testid="connection-badge"]')).toHaveLength(0)
    wrapper.unmount()
  })
})
