import { rmSync } from 'node:fs';
import { loadState, stopGroups } from './servers';

export default async function globalTeardown(): Promise<void> {
  const state = loadState();
  if (!state) return;
  stopGroups(state.pgids);
  await new Promise((r) => setTimeout(r, 1000));
  rmSync(state.tempDir, { recursive: true, force: true });
}
