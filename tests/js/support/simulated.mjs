// Importing this module gives a test file the local Neon API simulator: it is started before the
// file's tests and stopped after them. `sim` and `neon` (a client with the seed key) are live
// bindings, set once the simulator listens; `client(key)` builds a client with another key.

import { after, before } from 'node:test';
import NeonAdmin from '../../../js/node.mjs';
import { startSimulator } from '../../../scripts/simulator.mjs';

/** The running simulator (see scripts/simulator.mjs). */
export let sim;
/** A client authenticated with the simulator's seed key. */
export let neon;

/** A client of the simulator with `apiKey`. */
export const client = (apiKey) => new NeonAdmin({ apiKey, baseUrl: sim.baseUrl, env: {} });

before(async () => {
  sim = await startSimulator();
  neon = client(sim.seedKey);
});
after(() => sim?.stop());
