// Importing this module gives a test file the recorder API server and the fake OAuth server of
// cli-oracle.mjs: both start before the file's tests and stop after them. `recorder` and `oauth`
// are live bindings, set once both listen.

import { after, before } from 'node:test';
import { startOAuth, startRecorder } from './cli-oracle.mjs';

/** The API server recording bearer tokens (see `startRecorder`). */
export let recorder;
/** The OAuth server rotating refresh tokens (see `startOAuth`). */
export let oauth;

before(async () => {
  recorder = await startRecorder();
  oauth = await startOAuth();
});
after(() => {
  recorder.stop();
  oauth.stop();
});
