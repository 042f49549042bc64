/**
 * The broker layer: what hubs share when there are many of them. The interfaces are in types.ts,
 * the NATS implementations in nats/, the encode-once frame builder in fanout.ts.
 */
export * from './config.ts'
export * from './types.ts'
export { applyToStore, createCommandQueue, type CommandQueue, type StoreCommandResult } from './commit.ts'
export { createFanoutEncoder, type EncodedFrame, type FanoutEncoder } from './fanout.ts'
export {
  createMemoryAuditLog,
  createMemoryLeaderElection,
  createMemoryTopicBus,
  createMemoryWallDirectory,
  createMemoryWallStateStore,
} from './memory.ts'
