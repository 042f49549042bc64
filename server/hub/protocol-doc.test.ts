/**
 * docs/protocol.md must describe exactly the topics and fields of TOPIC_SCHEMAS: someone plugging
 * in a data source reads only the document.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOPIC_SCHEMAS, TOPICS } from '#protocol'
import { REPO_ROOT } from './config.ts'

interface SchemaNode {
  type: string
  entries?: Record<string, SchemaNode>
  item?: SchemaNode
  wrapped?: SchemaNode
}

/** Field paths of a payload schema, as the document writes them: `a.b`, `rows[].c`. */
function fieldPaths(node: SchemaNode, prefix = ''): { leaves: string[], containers: string[] } {
  const inner = node.wrapped ?? node
  if (inner.type === 'object' || inner.type === 'strict_object') {
    const out = { leaves: [] as string[], containers: prefix ? [prefix] : [] }
    for (const [key, child] of Object.entries(inner.entries ?? {})) {
      const sub = fieldPaths(child, prefix ? `${prefix}.${key}` : key)
      out.leaves.push(...sub.leaves)
      out.containers.push(...sub.containers)
    }
    return out
  }
  if (inner.type === 'array' && inner.item) {
    const itemInner = inner.item.wrapped ?? inner.item
    if (itemInner.type === 'object' || itemInner.type === 'strict_object') {
      const sub = fieldPaths(inner.item, `${prefix}[]`)
      return { leaves: sub.leaves, containers: [prefix, ...sub.containers.filter(c => c !== `${prefix}[]`)] }
    }
  }
  return { leaves: [prefix], containers: [] }
}

const doc = readFileSync(join(REPO_ROOT, 'docs', 'protocol.md'), 'utf8')

/** The first-column names of the table under `### \`topic\``, wildcards expanded against `known`. */
function documentedFields(topic: string, known: string[]): string[] {
  const start = doc.indexOf(`### \`${topic}\``)
  if (start < 0)
    return []
  const end = doc.indexOf('\n#', start + 4)
  const section = doc.slice(start, end < 0 ? undefined : end)
  const names = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map(m => m[1]!)
  return names.flatMap(name => name.endsWith('.*')
    ? known.filter(path => path.startsWith(name.slice(0, -1)))
    : [name])
}

describe('docs/protocol.md', () => {
  it('has a section for every topic, and no other', () => {
    const documented = [...doc.matchAll(/^### `([a-z]+\.[a-z]+)`/gm)].map(m => m[1])
    expect(documented.sort()).toEqual([...TOPICS].sort())
  })

  it.each(TOPICS)('documents every field of %s, and nothing that is not there', (topic) => {
    const { leaves, containers } = fieldPaths(TOPIC_SCHEMAS[topic] as unknown as SchemaNode)
    const fields = documentedFields(topic, leaves)
    // A documented object (e.g. a bilingual `title`, typed in the table) covers its own fields.
    const covered = (path: string): boolean => fields.includes(path)
      || (path.includes('.') && covered(path.slice(0, path.lastIndexOf('.'))))
    expect(leaves.filter(path => !covered(path))).toEqual([])
    expect(fields.filter(path => !leaves.includes(path) && !containers.includes(path))).toEqual([])
  })
})
