/**
 * Where the engine reports trouble. The engine imports nothing outside engine/, so a program
 * with a logger of its own adapts it to this; console fits as it is.
 */
export interface EngineLog {
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}
