// The `browser` export condition: loading neon-admin in a browser bundle fails at once, before a
// key could be used. There is no opt-out. The exports below only let bundlers resolve the same
// names as the server entry points; evaluation never reaches them.

import { BROWSER_MESSAGE } from './internal/browser-message.mjs';
import { NeonBrowserError } from './errors.mjs';

throw new NeonBrowserError({ message: BROWSER_MESSAGE });

export const NeonAdmin = undefined;
export default NeonAdmin;
export * from './errors.mjs';
