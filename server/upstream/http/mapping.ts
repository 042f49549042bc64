/**
 * The http adapter's declarative mapping: which requests to make for a topic, how often, and how
 * the answers' fields become the topic's payload. Pure: no I/O here, so a mapping is tested with
 * plain objects. The worked example is mock-server.mapping.ts.
 */
import { CHINA_UTC_OFFSET_MS } from '../../../src/domain/constants.ts'
import { UNIT_BY_ID, type Topic } from '#protocol'

/** A list split over pages: fetched page after page and joined before mapping. */
export interface PagingSpec {
  /** query parameter of the page number, e.g. 'page' */
  pageParam: string
  /** query parameter of the page size, e.g. 'page_size' */
  sizeParam: string
  size: number
  /** number of the first page: 1 (default) or 0 */
  first?: number
  /** dotted path, inside the answer's data, of the page's rows */
  rows: string
  /** dotted path of the total row count; without it, a short page is the last */
  total?: string
}

/** One GET request; its answer is read by the fields under the request's name. */
export interface RequestSpec {
  /** path under UPSTREAM_URL, e.g. '/api/v1/national/summary' */
  path: string
  query?: Record<string, string>
  paging?: PagingSpec
}

/** Converters from a system's own units onto the protocol's. */
export type Convert =
  /** 'YYYY-MM-DD HH:mm:ss' or 'YYYY-MM-DDTHH:mm:ss' in China time (UTC+8), or an ISO time with its zone → epoch ms */
  | 'chinaTime'
  /** 万元 → 元 */
  | 'wanToYuan'
  /** an administrative region code (110000, '110000'; 660000 = the Corps) → the wall's unit id */
  | 'regionCode'
  /** 1/0, 'Y'/'N', 'true'/'false' → boolean */
  | 'flag'
  /** a number sent as text → number */
  | 'number'

/**
 * How one field of the payload is found:
 * - `'summary.cases_received'`: a dotted path, starting with a request's name;
 * - `{ path, convert?, codes? }`: converted, or looked up in a code table;
 * - `{ const }`: a fixed value;
 * - `{ each, fields }`: a list: one object per element of the array at `each` (paths inside
 *   `fields` are then relative to the element);
 * - `{ fields }`: a nested object.
 */
export type FieldSpec =
  | string
  | { path: string, convert?: Convert, codes?: Record<string, string> }
  | { const: unknown }
  | { each: string, fields: FieldsSpec }
  | { fields: FieldsSpec }
export type FieldsSpec = { [field: string]: FieldSpec }

export interface TopicMapping {
  topic: Topic
  /** how often to poll, ms */
  intervalMs: number
  /** the requests whose answers make the topic, by a name the fields start with */
  requests: Record<string, RequestSpec>
  fields: FieldsSpec
}

/** How a system wraps its answers, e.g. `{ code: 0, message: 'ok', data: … }`. */
export interface EnvelopeSpec {
  /** dotted path of the payload inside the answer; '' = the whole answer */
  data: string
  /** dotted path of a status field and the value that means success, e.g. { path: 'code', equals: 0 } */
  ok?: { path: string, equals: unknown }
  /** dotted path of the error message when not ok */
  message?: string
}

export interface SystemMapping {
  /** a short name for logs, e.g. 'mock-server' */
  name: string
  envelope: EnvelopeSpec
  topics: TopicMapping[]
}

/** A field that cannot be built: the answer does not have what the mapping expects. */
export class MappingError extends Error {
  override name = 'MappingError'
}

export function getPath(root: unknown, path: string): unknown {
  if (path === '')
    return root
  let node = root
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key))
      return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** Beijing's offset as an ISO suffix: '+08:00'. */
const CHINA_OFFSET = `+${String(CHINA_UTC_OFFSET_MS / 3_600_000).padStart(2, '0')}:00`
const REGION_TO_UNIT: ReadonlyMap<string, string> = new Map([
  ...[...UNIT_BY_ID.values()].filter(u => u.adcode !== null).map(u => [String(u.adcode), u.id] as const),
  // The Corps has no province adcode; statistics systems commonly file it under 660000.
  ['660000', 'XPCC'],
])

function convert(value: unknown, how: Convert, where: string): unknown {
  // null stays null: whether the field may be empty is the topic schema's to say.
  if (value === null)
    return null
  switch (how) {
    case 'chinaTime': {
      if (typeof value === 'number')
        return value
      if (typeof value !== 'string')
        throw new MappingError(`${where}: expected a time, got ${typeof value}`)
      const text = value.trim().replace(' ', 'T')
      const zoned = /(?:Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}${CHINA_OFFSET}`
      const t = Date.parse(zoned)
      if (!Number.isFinite(t))
        throw new MappingError(`${where}: not a time: ${value.slice(0, 40)}`)
      return t
    }
    case 'wanToYuan': {
      const n = typeof value === 'string' ? Number(value) : value
      if (typeof n !== 'number' || !Number.isFinite(n))
        throw new MappingError(`${where}: expected an amount in 万元`)
      return Math.round(n * 10_000 * 100) / 100
    }
    case 'regionCode': {
      const unit = REGION_TO_UNIT.get(String(value))
      if (!unit)
        throw new MappingError(`${where}: unknown region code ${JSON.stringify(value)}`)
      return unit
    }
    case 'flag':
      return value === true || value === 1 || value === '1' || value === 'Y' || value === 'true'
    case 'number':
      return typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  }
}

function buildField(spec: FieldSpec, root: unknown, where: string): unknown {
  if (typeof spec === 'string')
    return required(getPath(root, spec), spec, where)
  if ('const' in spec)
    return spec.const
  if ('each' in spec) {
    const list = getPath(root, spec.each)
    if (!Array.isArray(list))
      throw new MappingError(`${where}: ${spec.each} is not a list`)
    return list.map((item, i) => buildFields(spec.fields, item, `${where}[${i}]`))
  }
  if ('fields' in spec)
    return buildFields(spec.fields, root, where)
  const raw = required(getPath(root, spec.path), spec.path, where)
  if (spec.codes) {
    const code = String(raw)
    if (!Object.hasOwn(spec.codes, code))
      throw new MappingError(`${where}: unknown code ${JSON.stringify(code)} at ${spec.path}`)
    return spec.codes[code]
  }
  return spec.convert ? convert(raw, spec.convert, where) : raw
}

function required(value: unknown, path: string, where: string): unknown {
  if (value === undefined)
    throw new MappingError(`${where}: ${path} is missing`)
  return value
}

function buildFields(fields: FieldsSpec, root: unknown, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(fields))
    out[name] = buildField(spec, root, where ? `${where}.${name}` : name)
  return out
}

/**
 * The topic's payload from the requests' answers (each already unwrapped from its envelope and,
 * when paged, with its rows joined). Throws MappingError naming the field that cannot be built;
 * the result is still to be validated against the topic's schema.
 */
export function buildPayload(mapping: TopicMapping, answers: Record<string, unknown>): Record<string, unknown> {
  return buildFields(mapping.fields, answers, '')
}
