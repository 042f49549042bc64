/** The 3D map page. */
export default {
  map3d: {
    title: 'Enforcement across China (3D)',
    fallback: '3D unavailable — 2D view',
  },
}
