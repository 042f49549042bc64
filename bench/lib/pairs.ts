/**
 * A walk through pages in which every ordered pair of `ids` is one step: a, b, a, c, a, …, b, c, b, …
 * n·(n−1) switches plus n−2 steps between the rounds, which repeat a pair already walked.
 */
export function allPairsWalk(ids: readonly string[]): string[] {
  const first = ids[0]
  if (first === undefined)
    return []
  const walk: string[] = [first]
  ids.forEach((from, i) => {
    if (walk[walk.length - 1] !== from)
      walk.push(from)
    for (const to of ids.slice(i + 1))
      walk.push(to, from)
  })
  return walk
}
