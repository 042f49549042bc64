// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { inquiryStats } from '~/test/measures-fixtures'
import PanelInquiryReach from './PanelInquiryReach.vue'
import { mountWall } from '~/test/mount-wall'

describe('PanelInquiryReach', () => {
  it('shows the reach figures with grouping and says they are the article\'s 2018 figures', () => {
    const wrapper = mountWall(PanelInquiryReach, { props: { reach: inquiryStats().reach } })
    expect(wrapper.attributes('data-panel')).toBe('inquiryReach')
    const value = (key: string) => wrapper.find(`[data-reach="${key}"] [data-testid="reach-value"]`).text()
    expect(value('agencies')).toBe('16')
    expect(value('banks')).toBe('3,800')
    expect(value('infoKinds')).toBe('1,625')
    expect(wrapper.find('[data-reach="banks"]').text()).toContain('联网银行')
    expect(wrapper.find('[data-testid="reach-source"]').text()).toContain('2018')
  })

  it('reads in English', () => {
    const wrapper = mountWall(PanelInquiryReach, { props: { reach: inquiryStats().reach } }, 'en')
    expect(wrapper.find('[data-reach="banks"] [data-testid="reach-value"]').text()).toBe('3,800')
    expect(wrapper.find('[data-reach="banks"]').text()).toContain('Linked banks')
    expect(wrapper.find('[data-testid="reach-source"]').text()).toContain('2018 figures')
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelInquiryReach, { props: { reach: null } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelInquiryReach, { props: { reach: inquiryStats().reach, stale: true, ageMs: 15_000 } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('15秒')
    expect(stale.findAll('[data-testid="reach"]')).toHaveLength(3)
  })
})
