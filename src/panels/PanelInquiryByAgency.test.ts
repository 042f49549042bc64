// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { inquiryStats } from '~/test/measures-fixtures'
import PanelInquiryByAgency from './PanelInquiryByAgency.vue'
import { mountWall } from '~/test/mount-wall'

const fit = { blocks: 1, rowsPerBlock: 12, perPage: 12, fontPx: 24 }

describe('PanelInquiryByAgency', () => {
  it('ranks the agencies by today\'s queries, the busiest in gold, each with its formatted count', () => {
    const wrapper = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, fontPx: 18, fit } })
    expect(wrapper.attributes('data-panel')).toBe('inquiryByAgency')
    const rows = wrapper.findAll('[data-testid="ranking-row"]')
    expect(rows).toHaveLength(inquiryStats().byAgency.length)
    expect(rows[0]!.text()).toContain('人民银行')
    expect(rows[0]!.text()).toContain('17万')
    expect(rows[0]!.classes()).toContain('kit-podium')
    expect(rows[1]!.classes()).not.toContain('kit-podium')
    for (const name of ['银行', '公安', '网络支付'])
      expect(wrapper.text()).toContain(name)
    expect(rows[0]!.find('.kit-rank-row__fill').attributes('style')).toContain('scaleX(1.0000)')
  })

  it('re-ranks when the counts move', async () => {
    const wrapper = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, fontPx: 18, fit } })
    await wrapper.setProps({ byAgency: inquiryStats().byAgency.map(r => r.agency === 'transport' ? { ...r, inquiriesToday: 999_999 } : r) })
    const first = wrapper.find('[data-testid="ranking-row"]')
    expect(first.text()).toContain('交通运输')
    expect(first.text()).toContain('100万')
  })

  it('reads in English, waits before data and marks stale data', () => {
    const english = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, fontPx: 18, fit } }, 'en')
    expect(english.find('[data-testid="ranking-row"]').text()).toContain('People\'s Bank')
    const waiting = mountWall(PanelInquiryByAgency, { props: { byAgency: null, fontPx: 18, fit } })
    expect(waiting.find('[data-testid="panel-waiting"]').exists()).toBe(true)
    const stale = mountWall(PanelInquiryByAgency, { props: { byAgency: inquiryStats().byAgency, stale: true, ageMs: 11_000, fontPx: 18, fit } }, 'en')
    expect(stale.attributes('data-stale')).toBe('true')
    expect(stale.find('[data-testid="stale-mark"]').text()).toContain('11 s')
  })
})
