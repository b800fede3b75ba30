// Every way this page (or a worker) might load neon-admin; each must end in NeonBrowserError
// before any request is sent. Results are reported as { attempt: errorName } (or 'loaded').

async function attempt(load) {
  try {
    await load();
    return 'loaded';
  } catch (error) {
    return `${error?.name}: ${error?.message}`;
  }
}

export async function runAttempts(simUrl, apiKey) {
  return {
    // What the package's `browser` export condition resolves to (what a bundler or CDN serves).
    condition: await attempt(async () => {
      const { default: NeonAdmin } = await import('/node_modules/neon-admin/js/browser.mjs');
      await new NeonAdmin({ apiKey, baseUrl: simUrl }).whoami();
    }),
    // The raw wasm bindings, bypassing the JS layer: the Rust core refuses when the module starts.
    rawBindings: await attempt(async () => {
      const wasm = await import('/node_modules/neon-admin/pkg/neon_admin.js');
      await wasm.default({ module_or_path: '/node_modules/neon-admin/pkg/neon_admin_bg.wasm' });
      await new wasm.WasmClient({ apiKey, baseUrl: simUrl }, {}).call('whoami', {}, {});
    }),
  };
}

if (typeof document !== 'undefined') {
  const params = new URLSearchParams(location.search);
  window.results = runAttempts(params.get('sim'), params.get('key'));
}
