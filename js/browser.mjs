// The `browser` export condition: loading neon-admin in a browser bundle fails at once, before a
// key could be used. There is no opt-out.

import { BROWSER_MESSAGE } from './browser-message.mjs';
import { NeonBrowserError } from './errors.mjs';

throw new NeonBrowserError({ message: BROWSER_MESSAGE });
