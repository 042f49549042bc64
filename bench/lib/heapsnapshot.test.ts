import { describe, expect, it } from 'vitest'
import { categoryTotals, classOf, classTotals, newObjects, oldHolders, readHeapSnapshot, retainerPath, type RawHeapSnapshot } from './heapsnapshot'

interface TestNode { type: string, name: string, id: number, self: number, edges: [type: string, name: string, to: number][] }

/** A snapshot in V8's layout from a list of nodes (edges point at node indexes). */
function snapshot(nodes: TestNode[]): RawHeapSnapshot {
  const nodeTypes = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape']
  const edgeTypes = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak']
  const strings: string[] = []
  const string = (text: string): number => {
    const at = strings.indexOf(text)
    return at >= 0 ? at : strings.push(text) - 1
  }
  const nodeFields = ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness']
  const flatNodes = nodes.flatMap(node => [nodeTypes.indexOf(node.type), string(node.name), node.id, node.self, node.edges.length, 0, 0])
  const flatEdges = nodes.flatMap(node => node.edges.flatMap(([type, name, to]) =>
    [edgeTypes.indexOf(type), type === 'element' ? Number(name) : string(name), to * nodeFields.length]))
  return {
    snapshot: {
      meta: {
        node_fields: nodeFields,
        node_types: [nodeTypes],
        edge_fields: ['type', 'name_or_index', 'to_node'],
        edge_types: [edgeTypes],
      },
    },
    nodes: flatNodes,
    edges: flatEdges,
    strings,
  }
}

// root → window → store → [sample, sample]; window → cache → the first sample too; a weak edge to a lost object
const before: TestNode[] = [
  { type: 'synthetic', name: '(root)', id: 1, self: 0, edges: [['element', '1', 1]] },
  { type: 'object', name: 'Window', id: 3, self: 10, edges: [['property', 'store', 2], ['property', 'cache', 5], ['weak', 'gone', 6]] },
  { type: 'object', name: 'Store', id: 5, self: 20, edges: [['property', 'samples', 3], ['property', 'label', 7]] },
  { type: 'array', name: '', id: 7, self: 16, edges: [['element', '0', 4]] },
  { type: 'object', name: 'Sample', id: 9, self: 100, edges: [] },
  { type: 'object', name: 'Cache', id: 11, self: 8, edges: [['property', 'first', 4]] },
  { type: 'object', name: 'Lost', id: 13, self: 50, edges: [] },
  { type: 'string', name: 'store', id: 15, self: 24, edges: [] },
]

describe('readHeapSnapshot', () => {
  it('finds dominators and retained sizes over strong edges only', () => {
    const graph = readHeapSnapshot(snapshot(before))
    // the sample is reached from the store and from the cache: only the window dominates it
    expect(graph.dominator[4]).toBe(1)
    expect(graph.dominator[3]).toBe(2)
    expect(graph.retained[2]).toBe(20 + 16 + 24)
    expect(graph.retained[1]).toBe(10 + 60 + 100 + 8)
    // only a weak edge leads to it: not alive
    expect(graph.dominator[6]).toBe(-1)
    expect(graph.distance[4]).toBe(3)
  })

  it('names classes and paths the way DevTools does', () => {
    const graph = readHeapSnapshot(snapshot(before))
    expect(classOf(graph, 4)).toBe('Sample')
    expect(classOf(graph, 7)).toBe('(string)')
    expect(retainerPath(graph, 3)).toBe('(synthetic)[1] → Window.store → Store.samples → (array)')
    const totals = classTotals(graph)
    expect(totals.get('Sample')).toEqual({ count: 1, self: 100, retained: 100 })
    expect(totals.has('Lost')).toBe(false)
    expect(categoryTotals(graph)).toMatchObject({ 'objects and closures': 154, 'strings': 24 })
  })

  it('charges the objects a later snapshot adds to the old object that holds them', () => {
    const after: TestNode[] = before.map(node => node.id === 7
      ? { ...node, edges: [['element', '0', 4], ['element', '1', 8], ['element', '2', 9]] }
      : node)
    after.push(
      { type: 'object', name: 'Sample', id: 21, self: 100, edges: [['property', 'rows', 10]] },
      { type: 'object', name: 'Sample', id: 23, self: 100, edges: [] },
      { type: 'object', name: 'Map', id: 25, self: 40, edges: [] },
    )
    const old = readHeapSnapshot(snapshot(before))
    const graph = readHeapSnapshot(snapshot(after))
    const ids = new Set<number>(old.id)
    expect(newObjects(ids, graph).map(group => [group.cls, group.count, group.self])).toEqual([['Sample', 2, 200], ['Map', 1, 40]])
    const [holder] = oldHolders(ids, graph)
    expect(holder).toMatchObject({ cls: '(array)', bytes: 240, count: 3 })
  })
})
