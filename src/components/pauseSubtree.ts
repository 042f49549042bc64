/**
 * Work only for what is on screen: a page kept mounted but hidden must take no render, watcher or
 * chart update while hidden, and catch up at once when shown again.
 *
 * Every component owns an effect scope of its own (Vue makes them detached from their parent's),
 * so pausing a page means pausing the scope of every component under it. A paused effect that is
 * triggered is only marked; `resume` runs it once, in the next flush. The stores keep taking data
 * all the while, so a page shown again renders the newest figures in the same tick it is shown.
 */
import type { ComponentInternalInstance, EffectScope, VNode } from 'vue'
import { isVNode } from 'vue'

/** Vue keeps a component's effect scope on its internal instance; the public type leaves it out. */
function scopeOf(instance: ComponentInternalInstance): EffectScope {
  return (instance as ComponentInternalInstance & { scope: EffectScope }).scope
}

/**
 * Frames a page mounted out of sight is given before it is put away (WallPageSlot): one to lay it
 * out and one for its charts, which draw after their first resize.
 */
export const WARM_FRAMES = 2

/** The effect scopes of every component rendered under `vnode`, itself included when it is one. */
export function subtreeScopes(vnode: VNode, into: EffectScope[] = []): EffectScope[] {
  const component = vnode.component
  if (component) {
    into.push(scopeOf(component))
    if (component.subTree)
      subtreeScopes(component.subTree, into)
    return into
  }
  // elements, fragments and teleports: their children; text and comments have none
  if (Array.isArray(vnode.children)) {
    for (const child of vnode.children) {
      if (isVNode(child))
        subtreeScopes(child, into)
    }
  }
  return into
}

/**
 * Pause (or resume) every component below `owner`, not `owner` itself: the owner goes on
 * rendering its own template (the wrapper that hides and shows the page).
 */
export function setSubtreePaused(owner: ComponentInternalInstance, paused: boolean): number {
  const scopes = subtreeScopes(owner.subTree).filter(scope => scope !== scopeOf(owner))
  for (const scope of scopes) {
    if (paused)
      scope.pause()
    else
      scope.resume()
  }
  return scopes.length
}
