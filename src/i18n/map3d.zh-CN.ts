/** The 3D map page. */
export default {
  map3d: {
    title: '全国执行态势（三维）',
    fallback: '三维视图不可用 · 已切换为二维视图',
  },
}
