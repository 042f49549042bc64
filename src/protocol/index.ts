/** The wire protocol: types, schemas, decode/encode. Imported by the wall (src/) and the server (mock-server/). */
export * from './control'
export * from './decode'
export * from './encode'
export * from './envelope'
export * from './messages'
export * from './topics'
export * from './units'
export * from './topics-functions'
