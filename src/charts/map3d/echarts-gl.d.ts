/**
 * echarts-gl 2.1 ships no type declarations. These cover the two entry points the 3D page loads
 * (node_modules/echarts-gl/charts.js, components.js): each export is an ECharts installer for `use()`.
 */
declare module 'echarts-gl/charts' {
  type Installer = Exclude<Parameters<typeof import('echarts/core')['use']>[0], readonly unknown[]>
  export const Bar3DChart: Installer
  export const Line3DChart: Installer
  export const Scatter3DChart: Installer
  export const Lines3DChart: Installer
  export const Polygons3DChart: Installer
  export const SurfaceChart: Installer
  export const Map3DChart: Installer
  export const ScatterGLChart: Installer
  export const GraphGLChart: Installer
  export const FlowGLChart: Installer
  export const LinesGLChart: Installer
}

declare module 'echarts-gl/components' {
  type Installer = Exclude<Parameters<typeof import('echarts/core')['use']>[0], readonly unknown[]>
  export const Grid3DComponent: Installer
  export const Geo3DComponent: Installer
  export const GlobeComponent: Installer
  export const Mapbox3DComponent: Installer
  export const Maptalks3DComponent: Installer
}
