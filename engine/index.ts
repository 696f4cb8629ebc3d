/**
 * The engine's public surface: what a program embedding it may import. Everything else under
 * engine/ is internal (lint refuses deeper imports from outside engine/), so the folder can be
 * lifted out as a package with this file as its entry.
 */
export { startEngine } from './start-engine';
export type { StartedEngine, EngineOptions, EngineAuth } from './start-engine';
export { startEngineThread } from './start-engine-thread';
export { engineSettings } from './config';
export type { EngineLog } from './engine-log';
export { migrateEngine } from './migrations/migrate';
export { engineMigrations } from './migrations';
export { serveStandalone } from './standalone';
// A diagram's model as the engine reads it: for tools that check diagrams before deploying.
export { parseBpmn } from './bpmn/parse';
export type { ParsedResource } from './bpmn/parse';
export type { FlowNode, ProcessModel } from './bpmn/model';
