/**
 * Setup of every unit test file. The DOM tests (happy-dom) mount panels, which draw charts with the
 * SVG renderer; node tests skip it and the ECharts load it costs.
 */
if (typeof document !== 'undefined')
  await import('./echarts-svg')

export {}
