// Creates the SQL engine (emulator/engine, owned by the engine side of the emulator) from the
// server's options.
import { createEngine, type EmulatorEngine } from "../engine/index";

export type EngineOptions = {
  dataDir: string;
  seed: boolean;
  /** One password for every seeded user (the engine's default when absent). */
  password?: string;
  provisionerPublicKeyPem?: string;
  lakeRowScale?: number;
};

export function loadEngine(options: EngineOptions): Promise<EmulatorEngine> {
  const p = options.password;
  return createEngine({
    dataDir: options.dataDir,
    seed: options.seed,
    passwords: p ? { admin: p, provisioner: p, analyst: p } : undefined,
    provisionerPublicKeyPem: options.provisionerPublicKeyPem,
    lakeRowScale: options.lakeRowScale,
  });
}
