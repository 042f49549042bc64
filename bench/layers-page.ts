/**
 * The composited layers of a page: `npx tsx bench/layers-page.ts <page>` shows the page on a
 * 7680×2160 wall (FEED_RATE=10) and prints its layers twice, 1.5 s apart (count, those that draw,
 * their area), then the drawing ones with their element and why each is a layer. Without a GPU every layer the size of a
 * panel is blended into every frame, and the main thread waits for it in `Commit`: this is where
 * to look when a page's commits are slow. Build first (`npx vite build`).
 */
import { delay } from '../e2e/harness.ts'
import { openControlledWall } from './lib/control.ts'

const pageId = process.argv[2] ?? 'overview'
const wall = await openControlledWall({ width: 7680, height: 2160, feedRate: 10, initScripts: [] })
try {
  await wall.show(pageId)
  await delay(4000)
  const cdp = await wall.wall.page.context().newCDPSession(wall.wall.page)
  /** the fields of CDP's LayerTree.Layer read here */
  type Layer = { layerId: string, drawsContent: boolean, width: number, height: number, offsetX: number, offsetY: number, paintCount: number, backendNodeId?: number }
  let layers: Layer[] = []
  cdp.on('LayerTree.layerTreeDidChange', (event) => {
    if (event.layers)
      layers = event.layers as Layer[]
  })
  await cdp.send('DOM.enable')
  await cdp.send('LayerTree.enable')
  for (let i = 0; i < 2; i++) {
    await delay(1500)
    const drawing = layers.filter(l => l.drawsContent)
    console.log(`${pageId}: ${layers.length} layers, ${drawing.length} drawing, ${(drawing.reduce((a, l) => a + l.width * l.height, 0) / 1e6).toFixed(1)} Mpx`)
  }
  for (const layer of layers.filter(l => l.drawsContent)) {
    let element = ''
    if (layer.backendNodeId) {
      const described = await cdp.send('DOM.describeNode', { backendNodeId: layer.backendNodeId }).catch(() => null)
      if (described)
        element = `${described.node.localName} ${(described.node.attributes ?? []).join(' ').slice(0, 90)}`
    }
    const why = await cdp.send('LayerTree.compositingReasons', { layerId: layer.layerId }).catch(() => null)
    console.log(`  ${layer.width}×${layer.height} at ${layer.offsetX},${layer.offsetY} painted ${layer.paintCount}× ${element}${why ? ` — ${why.compositingReasonIds.join(', ')}` : ''}`)
  }
}
finally {
  await wall.close()
}
