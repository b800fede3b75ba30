//! Which JavaScript runtime the module runs in, decided from the global object, and the refusal
//! of browser contexts: Neon API keys grant full management access and no key is client-safe.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The real global object. `js_sys::global()` prefers `self` and `window` when they exist, and
    /// jsdom in Node defines both as its fake window, which would make Node look like a browser.
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: JsValue;
}

/// The message of `NeonBrowserError`.
pub const BROWSER_MESSAGE: &str = "neon-admin refuses to run in a browser: Neon API keys grant full management access to your Neon account or organization, and there is no client-safe key. Call neon-admin from a server, a serverless or edge function, or a build script instead.";

fn get(target: &JsValue, name: &str) -> JsValue {
    if target.is_undefined() || target.is_null() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn present(target: &JsValue, name: &str) -> bool {
    let value = get(target, name);
    !value.is_undefined() && !value.is_null()
}

/// Whether the global object is a browser context: a window with a document, a dedicated, shared
/// or service worker of a browser, or an Electron renderer. Node (also with jsdom's globals), Deno,
/// Bun, Cloudflare workerd and Vercel Edge are not.
pub fn is_browser() -> bool {
    let global = GLOBAL_THIS.with(JsValue::clone);
    let process = get(&global, "process");
    let versions = get(&process, "versions");
    // An Electron renderer has Node's `process`, so it is checked before Node.
    if get(&process, "type").as_string().as_deref() == Some("renderer") {
        return true;
    }
    let server = present(&global, "Deno")
        || present(&global, "Bun")
        || get(&global, "EdgeRuntime").is_string()
        || get(&get(&global, "navigator"), "userAgent").as_string().as_deref() == Some("Cloudflare-Workers")
        || present(&global, "WebSocketPair")
        || get(&versions, "node").is_string();
    if server {
        return false;
    }
    let window = present(&global, "window") && present(&global, "document");
    let worker = [
        "WorkerGlobalScope",
        "DedicatedWorkerGlobalScope",
        "SharedWorkerGlobalScope",
        "ServiceWorkerGlobalScope",
    ]
    .iter()
    .any(|name| present(&global, name))
        || get(&global, "importScripts").is_function();
    window || worker
}

/// A `NeonBrowserError` (a real `Error`, so raw bindings users get one too).
pub fn browser_error() -> JsValue {
    let error = js_sys::Error::new(BROWSER_MESSAGE);
    error.set_name("NeonBrowserError");
    error.into()
}

/// Fails with `NeonBrowserError` in a browser context.
pub fn refuse_browser() -> Result<(), JsValue> {
    if is_browser() {
        Err(browser_error())
    } else {
        Ok(())
    }
}
