// A dedicated module worker making the same attempts as the page.
import { runAttempts } from '/attempts.mjs';

self.onmessage = async ({ data }) => {
  self.postMessage(await runAttempts(data.sim, data.key));
};
