/** Two faces of one app: the wall (/wall) and the operator's control terminal (/control). */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

export const ROUTES: RouteRecordRaw[] = [
  { path: '/', redirect: to => ({ path: '/wall', query: to.query }) },
  // /wall/anything still shows the wall: the server serves the app for every /wall/* path.
  { path: '/wall/:rest(.*)*', name: 'wall', component: () => import('./components/WallShell.vue') },
  { path: '/control/:rest(.*)*', name: 'control', component: () => import('./terminal/ControlTerminal.vue') },
  { path: '/:unknown(.*)*', redirect: to => ({ path: '/wall', query: to.query }) },
]

export function createWallRouter(history = createWebHistory()) {
  return createRouter({ history, routes: ROUTES })
}
