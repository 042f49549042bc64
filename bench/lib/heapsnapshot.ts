/**
 * A V8 `.heapsnapshot` (what DevTools saves, or CDP `HeapProfiler.takeHeapSnapshot` streams) read
 * into flat arrays, with each node's retained size from the dominator tree, and the comparison of
 * two snapshots of the same page: what grew by constructor, which objects are new (node ids stay
 * the same for an object from one snapshot to the next in one session), and which old objects now
 * hold the new ones.
 */

/** The parts of the JSON this reader uses. */
export interface RawHeapSnapshot {
  snapshot: {
    meta: {
      node_fields: string[]
      node_types: [string[], ...unknown[]]
      edge_fields: string[]
      edge_types: [string[], ...unknown[]]
    }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

export interface HeapGraph {
  nodeCount: number
  /** node type name ('object', 'closure', 'native', 'string', …) per node */
  type: string[]
  /** per node: constructor, function or string name (index into `strings`) */
  name: Uint32Array
  id: Uint32Array
  selfSize: Float64Array
  /** 1 attached, 2 detached (DOM wrappers), 0 unknown or no such field */
  detachedness: Uint8Array
  /** edges of node n are firstEdge[n] .. firstEdge[n + 1] - 1 */
  firstEdge: Uint32Array
  edgeType: string[]
  /** property name or element index, as text */
  edgeName: string[]
  edgeTo: Uint32Array
  strings: string[]
  /** retained size per node (0 for nodes not reachable from the root through strong edges) */
  retained: Float64Array
  /** immediate dominator per node; the root dominates itself; -1 when unreachable */
  dominator: Int32Array
  /** strong edges from the root to the node; -1 when unreachable */
  distance: Int32Array
}

/** Edges a retained size is never counted through (DevTools does the same). */
function isWeak(edgeType: string): boolean {
  return edgeType === 'weak'
}

export function readHeapSnapshot(raw: RawHeapSnapshot): HeapGraph {
  const { meta } = raw.snapshot
  const nodeFields = meta.node_fields
  const edgeFields = meta.edge_fields
  const nodeWidth = nodeFields.length
  const edgeWidth = edgeFields.length
  const nodeTypes = meta.node_types[0]
  const edgeTypes = meta.edge_types[0]
  const at = (fields: string[], name: string): number => {
    const index = fields.indexOf(name)
    if (index < 0 && name !== 'detachedness')
      throw new Error(`heap snapshot without a ${name} field`)
    return index
  }
  const nType = at(nodeFields, 'type')
  const nName = at(nodeFields, 'name')
  const nId = at(nodeFields, 'id')
  const nSelf = at(nodeFields, 'self_size')
  const nEdges = at(nodeFields, 'edge_count')
  const nDetached = at(nodeFields, 'detachedness')
  const eType = at(edgeFields, 'type')
  const eName = at(edgeFields, 'name_or_index')
  const eTo = at(edgeFields, 'to_node')

  const nodes = raw.nodes
  const edges = raw.edges
  const nodeCount = nodes.length / nodeWidth
  const edgeCount = edges.length / edgeWidth
  const type: string[] = Array.from({ length: nodeCount })
  const name = new Uint32Array(nodeCount)
  const id = new Uint32Array(nodeCount)
  const selfSize = new Float64Array(nodeCount)
  const detachedness = new Uint8Array(nodeCount)
  const firstEdge = new Uint32Array(nodeCount + 1)
  const edgeType: string[] = Array.from({ length: edgeCount })
  const edgeName: string[] = Array.from({ length: edgeCount })
  const edgeTo = new Uint32Array(edgeCount)

  let edge = 0
  for (let n = 0; n < nodeCount; n++) {
    const base = n * nodeWidth
    type[n] = nodeTypes[nodes[base + nType] ?? 0] ?? 'unknown'
    name[n] = nodes[base + nName] ?? 0
    id[n] = nodes[base + nId] ?? 0
    selfSize[n] = nodes[base + nSelf] ?? 0
    detachedness[n] = nDetached >= 0 ? nodes[base + nDetached] ?? 0 : 0
    firstEdge[n] = edge
    edge += nodes[base + nEdges] ?? 0
  }
  firstEdge[nodeCount] = edge
  for (let e = 0; e < edgeCount; e++) {
    const base = e * edgeWidth
    const kind = edgeTypes[edges[base + eType] ?? 0] ?? 'unknown'
    const nameOrIndex = edges[base + eName] ?? 0
    edgeType[e] = kind
    edgeName[e] = kind === 'element' || kind === 'hidden' ? String(nameOrIndex) : raw.strings[nameOrIndex] ?? '?'
    edgeTo[e] = (edges[base + eTo] ?? 0) / nodeWidth
  }

  const graph: HeapGraph = {
    nodeCount,
    type,
    name,
    id,
    selfSize,
    detachedness,
    firstEdge,
    edgeType,
    edgeName,
    edgeTo,
    strings: raw.strings,
    retained: new Float64Array(nodeCount),
    dominator: new Int32Array(nodeCount).fill(-1),
    distance: new Int32Array(nodeCount).fill(-1),
  }
  computeDistances(graph)
  computeDominators(graph)
  return graph
}

/** Breadth-first over strong edges from the root (node 0). */
function computeDistances(graph: HeapGraph): void {
  const queue = new Uint32Array(graph.nodeCount)
  let head = 0
  let tail = 0
  graph.distance[0] = 0
  queue[tail++] = 0
  while (head < tail) {
    const n = queue[head++] ?? 0
    const next = (graph.distance[n] ?? 0) + 1
    for (let e = graph.firstEdge[n] ?? 0; e < (graph.firstEdge[n + 1] ?? 0); e++) {
      if (isWeak(graph.edgeType[e] ?? ''))
        continue
      const to = graph.edgeTo[e] ?? 0
      if (graph.distance[to] === -1) {
        graph.distance[to] = next
        queue[tail++] = to
      }
    }
  }
}

/**
 * Immediate dominators by the iterative algorithm of Cooper, Harvey and Kennedy ("A Simple, Fast
 * Dominance Algorithm"), over strong edges from the root; then retained sizes, children first.
 */
function computeDominators(graph: HeapGraph): void {
  const { nodeCount, firstEdge, edgeTo, edgeType } = graph
  // post-order numbering by an explicit stack
  const order = new Int32Array(nodeCount).fill(-1)
  const postorder = new Uint32Array(nodeCount)
  const visited = new Uint8Array(nodeCount)
  const stackNode = new Uint32Array(nodeCount)
  const stackEdge = new Uint32Array(nodeCount)
  let top = 0
  let count = 0
  stackNode[0] = 0
  stackEdge[0] = firstEdge[0] ?? 0
  visited[0] = 1
  while (top >= 0) {
    const n = stackNode[top] ?? 0
    const end = firstEdge[n + 1] ?? 0
    let e = stackEdge[top] ?? 0
    let pushed = false
    while (e < end) {
      const to = edgeTo[e] ?? 0
      const strong = !isWeak(edgeType[e] ?? '')
      e++
      if (strong && visited[to] === 0) {
        visited[to] = 1
        stackEdge[top] = e
        top++
        stackNode[top] = to
        stackEdge[top] = firstEdge[to] ?? 0
        pushed = true
        break
      }
    }
    if (pushed)
      continue
    order[n] = count
    postorder[count++] = n
    top--
  }

  // predecessors (strong edges between reachable nodes), as a CSR
  const predCount = new Uint32Array(nodeCount + 1)
  for (let n = 0; n < nodeCount; n++) {
    if (order[n] === -1)
      continue
    for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e++) {
      if (!isWeak(edgeType[e] ?? ''))
        predCount[(edgeTo[e] ?? 0) + 1]!++
    }
  }
  for (let n = 0; n < nodeCount; n++)
    predCount[n + 1]! += predCount[n] ?? 0
  const preds = new Uint32Array(predCount[nodeCount] ?? 0)
  const fill = predCount.slice(0, nodeCount)
  for (let n = 0; n < nodeCount; n++) {
    if (order[n] === -1)
      continue
    for (let e = firstEdge[n] ?? 0; e < (firstEdge[n + 1] ?? 0); e++) {
      if (!isWeak(edgeType[e] ?? ''))
        preds[fill[edgeTo[e] ?? 0]!++] = n
    }
  }

  // dominators on post-order numbers
  const idom = new Int32Array(count).fill(-1)
  const rootOrder = order[0] ?? 0
  idom[rootOrder] = rootOrder
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (a < b) a = idom[a] ?? 0
      while (b < a) b = idom[b] ?? 0
    }
    return a
  }
  let changed = true
  while (changed) {
    changed = false
    for (let i = count - 1; i >= 0; i--) {
      if (i === rootOrder)
        continue
      const n = postorder[i] ?? 0
      let next = -1
      for (let p = predCount[n] ?? 0; p < (predCount[n + 1] ?? 0); p++) {
        const pred = order[preds[p] ?? 0] ?? -1
        if (pred === -1 || idom[pred] === -1)
          continue
        next = next === -1 ? pred : intersect(pred, next)
      }
      if (next !== -1 && idom[i] !== next) {
        idom[i] = next
        changed = true
      }
    }
  }

  for (let i = 0; i < count; i++) {
    const n = postorder[i] ?? 0
    graph.dominator[n] = postorder[idom[i] ?? 0] ?? 0
    graph.retained[n] = graph.selfSize[n] ?? 0
  }
  // post-order: every node comes after the nodes it dominates
  for (let i = 0; i < count; i++) {
    const n = postorder[i] ?? 0
    const d = graph.dominator[n] ?? 0
    if (d !== n)
      graph.retained[d]! += graph.retained[n] ?? 0
  }
}

/**
 * What a node counts under: the constructor for objects and DOM wrappers, the function's name for
 * closures, the type alone for strings, numbers, code and V8's own arrays.
 */
export function classOf(graph: HeapGraph, n: number): string {
  const type = graph.type[n] ?? 'unknown'
  const name = graph.strings[graph.name[n] ?? 0] ?? ''
  switch (type) {
    case 'object':
    case 'native':
      // DOM wrappers and detached nodes carry "Detached <tag>" or a URL in their name: keep the class
      return name.replace(/^(Detached )?(\S+).*$/, '$1$2')
    case 'closure':
      return `closure ${name || '(anonymous)'}`
    case 'hidden':
    case 'array':
    case 'object shape':
      return `(${type}) ${name.length > 40 ? `${name.slice(0, 40)}…` : name}`.trimEnd()
    default:
      return `(${type})`
  }
}

export interface ClassTotals {
  count: number
  self: number
  /** retained size of the class's objects that no other object of the class dominates */
  retained: number
}

export function classTotals(graph: HeapGraph): Map<string, ClassTotals> {
  const classes: string[] = Array.from({ length: graph.nodeCount }, (_, n) => classOf(graph, n))
  const totals = new Map<string, ClassTotals>()
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.dominator[n] === -1)
      continue
    const cls = classes[n] ?? ''
    let entry = totals.get(cls)
    if (!entry) {
      entry = { count: 0, self: 0, retained: 0 }
      totals.set(cls, entry)
    }
    entry.count++
    entry.self += graph.selfSize[n] ?? 0
    // counted once: skip an object held by another of its own class above it
    let d = graph.dominator[n] ?? 0
    let nested = false
    while (d !== 0 && d !== -1) {
      if (classes[d] === cls) {
        nested = true
        break
      }
      const up = graph.dominator[d] ?? 0
      if (up === d)
        break
      d = up
    }
    if (!nested)
      entry.retained += graph.retained[n] ?? 0
  }
  return totals
}

/** Total self size of the nodes reachable from the root. */
export function liveBytes(graph: HeapGraph): number {
  let total = 0
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.dominator[n] !== -1)
      total += graph.selfSize[n] ?? 0
  }
  return total
}

/** The shortest strong path from the root to `n`, as `Class.edge` steps, root first. */
export function retainerPath(graph: HeapGraph, n: number, reverse: Uint32Array[] | null = null, maxSteps = 14): string {
  const retainers = reverse ?? reverseEdges(graph)
  const steps: string[] = []
  let node = n
  for (let step = 0; step < maxSteps && node !== 0; step++) {
    const here = graph.distance[node] ?? -1
    if (here <= 0)
      break
    let best = -1
    let bestEdge = -1
    for (const e of retainers[node] ?? []) {
      const from = ownerOfEdge(graph, e)
      if ((graph.distance[from] ?? -1) === here - 1 && !isWeak(graph.edgeType[e] ?? '')) {
        best = from
        bestEdge = e
        break
      }
    }
    if (best === -1)
      break
    const label = graph.edgeType[bestEdge] === 'element' ? `[${graph.edgeName[bestEdge]}]` : `.${graph.edgeName[bestEdge]}`
    steps.push(`${classOf(graph, best)}${label}`)
    node = best
  }
  return `${steps.reverse().join(' → ')} → ${classOf(graph, n)}`
}

/** Incoming edge indexes per node. */
export function reverseEdges(graph: HeapGraph): Uint32Array[] {
  const counts = new Uint32Array(graph.nodeCount)
  for (let e = 0; e < graph.edgeTo.length; e++)
    counts[graph.edgeTo[e] ?? 0]!++
  const lists = Array.from(counts, count => new Uint32Array(count))
  const fill = new Uint32Array(graph.nodeCount)
  for (let e = 0; e < graph.edgeTo.length; e++) {
    const to = graph.edgeTo[e] ?? 0
    lists[to]![fill[to]!++] = e
  }
  return lists
}

let edgeOwners: { graph: HeapGraph, owner: Uint32Array } | null = null

/** The node an edge leaves from. */
function ownerOfEdge(graph: HeapGraph, e: number): number {
  if (edgeOwners?.graph !== graph) {
    const owner = new Uint32Array(graph.edgeTo.length)
    for (let n = 0; n < graph.nodeCount; n++) {
      for (let i = graph.firstEdge[n] ?? 0; i < (graph.firstEdge[n + 1] ?? 0); i++)
        owner[i] = n
    }
    edgeOwners = { graph, owner }
  }
  return edgeOwners.owner[e] ?? 0
}

export interface ClassGrowth extends ClassTotals {
  cls: string
  before: ClassTotals
}

/** Classes by how much their self size grew from `before` to `after`, largest first. */
export function compareClasses(before: Map<string, ClassTotals>, after: Map<string, ClassTotals>): ClassGrowth[] {
  const none: ClassTotals = { count: 0, self: 0, retained: 0 }
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].map(cls => ({ cls, ...after.get(cls) ?? none, before: before.get(cls) ?? none }))
    .sort((a, b) => (b.self - b.before.self) - (a.self - a.before.self))
}

export interface NewObjects {
  cls: string
  count: number
  self: number
  /** one of them, for its retainer path */
  sample: number
}

/** Objects of `after` whose id `before` does not have, still alive: grouped by class, largest first. */
export function newObjects(beforeIds: ReadonlySet<number>, after: HeapGraph): NewObjects[] {
  const groups = new Map<string, NewObjects>()
  for (let n = 0; n < after.nodeCount; n++) {
    if (after.dominator[n] === -1 || beforeIds.has(after.id[n] ?? 0))
      continue
    const cls = classOf(after, n)
    let group = groups.get(cls)
    if (!group) {
      group = { cls, count: 0, self: 0, sample: n }
      groups.set(cls, group)
    }
    group.count++
    group.self += after.selfSize[n] ?? 0
  }
  return [...groups.values()].sort((a, b) => b.self - a.self)
}

export interface Holder {
  /** the old object that dominates new ones */
  node: number
  cls: string
  /** bytes of new objects it now holds */
  bytes: number
  count: number
}

/** JS data (objects, closures, arrays, strings, numbers): not code, not Blink's own objects. */
export function isData(graph: HeapGraph, n: number): boolean {
  const category = categoryOf(graph.type[n] ?? '')
  return category === 'objects and closures' || category === 'strings' || category === 'numbers'
}

/**
 * The old objects (their id in `before`) whose dominator subtree took in the new objects of `after`:
 * every new object (of JS data, by default) is charged to its nearest old dominator. The top of this
 * list is what grew.
 */
export function oldHolders(beforeIds: ReadonlySet<number>, after: HeapGraph, counted: (n: number) => boolean = n => isData(after, n)): Holder[] {
  const holders = new Map<number, Holder>()
  for (let n = 0; n < after.nodeCount; n++) {
    if (after.dominator[n] === -1 || beforeIds.has(after.id[n] ?? 0) || !counted(n))
      continue
    let d = after.dominator[n] ?? 0
    while (d !== 0 && !beforeIds.has(after.id[d] ?? 0))
      d = after.dominator[d] ?? 0
    let holder = holders.get(d)
    if (!holder) {
      holder = { node: d, cls: classOf(after, d), bytes: 0, count: 0 }
      holders.set(d, holder)
    }
    holder.bytes += after.selfSize[n] ?? 0
    holder.count++
  }
  return [...holders.values()].sort((a, b) => b.bytes - a.bytes)
}

/** Detached DOM wrappers and nodes (the snapshot's own detachedness, else the "Detached" name), by class. */
export function detachedByClass(graph: HeapGraph): Map<string, number> {
  const counts = new Map<string, number>()
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.dominator[n] === -1)
      continue
    const detached = graph.detachedness[n] === 2 || (graph.strings[graph.name[n] ?? 0] ?? '').startsWith('Detached ')
    if (!detached || graph.type[n] !== 'native')
      continue
    const cls = classOf(graph, n)
    counts.set(cls, (counts.get(cls) ?? 0) + 1)
  }
  return counts
}

/** Broad parts of a heap, by node type: what grows as the JIT warms up is not what data leaks are made of. */
export const CATEGORIES = ['objects and closures', 'strings', 'numbers', 'code and V8 metadata', 'DOM and Blink (native)'] as const
export type Category = typeof CATEGORIES[number]

export function categoryOf(type: string): Category | null {
  switch (type) {
    case 'code':
      return 'code and V8 metadata'
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return 'strings'
    case 'number':
    case 'heap number':
    case 'bigint':
      return 'numbers'
    case 'native':
      return 'DOM and Blink (native)'
    case 'synthetic':
      return null
    default:
      return 'objects and closures'
  }
}

/** Self sizes of the reachable nodes by category. */
export function categoryTotals(graph: HeapGraph): Record<Category, number> {
  const totals = Object.fromEntries(CATEGORIES.map(category => [category, 0])) as Record<Category, number>
  for (let n = 0; n < graph.nodeCount; n++) {
    const category = categoryOf(graph.type[n] ?? '')
    if (category && graph.dominator[n] !== -1)
      totals[category] += graph.selfSize[n] ?? 0
  }
  return totals
}
