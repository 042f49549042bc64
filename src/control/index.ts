/** The control channel's logic: the wall-state reducer, playlist timing, auth and rate limiting. Pure; the server imports it. */
export * from './auth'
export * from './playlist'
export * from './rateLimit'
export * from './reducer'
export * from './state'
export * from './tour'
