import { rmSync } from 'node:fs';
import { loadState, stopGroups, waitForGroupsToExit } from './servers';

export default async function globalTeardown(): Promise<void> {
  const state = loadState();
  if (!state) return;
  stopGroups(state.pgids);
  await waitForGroupsToExit(state.pgids, 15_000);
  rmSync(state.tempDir, { recursive: true, force: true });
}
