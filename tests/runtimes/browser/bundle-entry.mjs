// What a browser app bundling neon-admin looks like; built with esbuild for platform "browser".
import NeonAdmin from 'neon-admin';

globalThis.neonAdminLoaded = typeof NeonAdmin;
