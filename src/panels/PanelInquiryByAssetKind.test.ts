// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { inquiryStats } from '~/test/measures-fixtures'
import PanelInquiryByAssetKind from './PanelInquiryByAssetKind.vue'
import { mountWall } from '~/test/mount-wall'

const chart = { chartWidth: 500, chartHeight: 500, fontPx: 18 }

describe('PanelInquiryByAssetKind', () => {
  it('draws the ring and names every kind with its count and share, biggest first', async () => {
    const wrapper = mountWall(PanelInquiryByAssetKind, { props: { byAssetKind: inquiryStats().byAssetKind, ...chart }, attachTo: document.body })
    await flushPromises()
    expect(wrapper.attributes('data-panel')).toBe('inquiryByAssetKind')
    expect(wrapper.find('svg').findAll('path').length).toBeGreaterThanOrEqual(9)
    const items = wrapper.findAll('[data-testid="asset-kind"]')
    expect(items).toHaveLength(9)
    // housingFund has the most hits in the fixture (5,000 × 9)
    expect(items[0]!.attributes('data-asset-kind')).toBe('housingFund')
    expect(items[0]!.text()).toContain('公积金')
    expect(items[0]!.text()).toContain('4.5万')
    expect(items[0]!.text()).toMatch(/\d+\.\d%/)
    expect(items.at(-1)!.text()).toContain('船舶')
    expect(wrapper.find('[data-testid="hits-total"]').text()).toBe('20.51万')
    wrapper.unmount()
  })

  it('waits before data and marks stale data', () => {
    expect(mountWall(PanelInquiryByAssetKind, { props: { byAssetKind: null, ...chart } }).find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelInquiryByAssetKind, { props: { byAssetKind: inquiryStats().byAssetKind, stale: true, ageMs: 20_000, ...chart } })
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').exists()).toBe(true)
    expect(stale.findAll('[data-testid="asset-kind"]')).toHaveLength(9)
    stale.unmount()
  })
})
