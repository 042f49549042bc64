/**
 * How many rows or cards fit a panel at a readable size, and which page of them to show when they
 * do not all fit. A wall never cuts a row: what does not fit goes to the next page, and the panel
 * turns its pages on a timer.
 */

/** Pages needed for `total` items at `perPage` a page (at least one, so there is always a page to show). */
export function pageCount(total: number, perPage: number): number {
  if (!(perPage >= 1) || !(total > 0))
    return 1
  return Math.ceil(total / Math.floor(perPage))
}

/** The items of page `page` (wrapped into range). */
export function pageSlice<T>(items: readonly T[], page: number, perPage: number): T[] {
  const size = Math.max(1, Math.floor(perPage) || 1)
  const pages = pageCount(items.length, size)
  const p = ((Math.floor(page) % pages) + pages) % pages
  return items.slice(p * size, (p + 1) * size)
}

/** A table laid out as side-by-side blocks of rows (a long list folded into columns). */
export interface TableFit {
  /** blocks side by side */
  blocks: number
  /** data rows in each block */
  rowsPerBlock: number
  /** rows on one page: blocks × rowsPerBlock */
  perPage: number
  /** type size of the rows, px: at least the body size, more where the fold leaves room */
  fontPx: number
}

/** A table's shape in ems of its own type: one row's height, one block's width, the column heads' height. */
export interface TableEms {
  row: number
  block: number
  head: number
}

/**
 * Fold `rows` rows into side-by-side blocks so that the type is as big as the box allows (up to
 * `maxScale` × body size): more blocks mean shorter columns but narrower ones. Every fold keeps the
 * type at least `fontPx`. When no fold holds them all at that size, a page holds as many as fit and
 * the rest rotate.
 */
export function fitTable(rows: number, box: { width: number, height: number }, ems: TableEms, fontPx: number, maxScale = 1.6): TableFit {
  const total = Math.max(1, rows)
  const maxBlocks = Math.max(1, Math.floor(box.width / (ems.block * fontPx)))
  let best: TableFit | null = null
  for (let blocks = 1; blocks <= maxBlocks; blocks++) {
    const rowsPerBlock = Math.ceil(total / blocks)
    const byHeight = box.height / (rowsPerBlock * ems.row + ems.head)
    const byWidth = box.width / blocks / ems.block
    const size = Math.min(byHeight, byWidth, fontPx * maxScale)
    // a tie keeps fewer blocks: one long column reads as one ranking
    if (size >= fontPx && (!best || size > best.fontPx + 0.01))
      best = { blocks, rowsPerBlock, perPage: blocks * rowsPerBlock, fontPx: size }
  }
  if (best)
    return best
  const rowsPerBlock = Math.max(1, Math.floor((box.height / fontPx - ems.head) / ems.row))
  return { blocks: maxBlocks, rowsPerBlock, perPage: maxBlocks * rowsPerBlock, fontPx }
}

/** A grid of cards. */
export interface CardFit {
  columns: number
  rows: number
  /** cards on one page: columns × rows, or fewer when all fit */
  perPage: number
}

/**
 * The grid that gives `count` cards the largest size of the shape `aspect` (width / height), with
 * every card at least `min` big. When no grid holds them all at that size, a page holds as many as
 * fit and the rest rotate.
 */
export function fitCards(count: number, box: { width: number, height: number }, min: { width: number, height: number }, aspect: number, gapPx = 0): CardFit {
  const n = Math.max(1, Math.floor(count))
  let best: CardFit | null = null
  let bestScale = -1
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns)
    const w = (box.width - gapPx * (columns - 1)) / columns
    const h = (box.height - gapPx * (rows - 1)) / rows
    if (w < min.width || h < min.height)
      continue
    // the size of the biggest card of the wanted shape that fits the cell
    const scale = Math.min(w / aspect, h)
    if (scale > bestScale) {
      bestScale = scale
      best = { columns, rows, perPage: n }
    }
  }
  if (best)
    return best
  const columns = Math.max(1, Math.floor((box.width + gapPx) / (min.width + gapPx)))
  const rows = Math.max(1, Math.floor((box.height + gapPx) / (min.height + gapPx)))
  return { columns: Math.min(columns, n), rows, perPage: Math.min(n, columns * rows) }
}

/**
 * Rough width of a label in px, for the room a chart leaves after its bars: a CJK character is one
 * em, anything else a little over half an em (no canvas to measure with in a pure builder).
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0
  for (const ch of text)
    em += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? 1 : 0.6
  return Math.ceil(em * fontSize)
}
