//! Whether the module runs in a browser, decided from the global object, and the refusal of
//! browser contexts: Neon API keys grant full management access and no key is client-safe.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The real global object. `js_sys::global()` prefers `self` and `window` when they exist, and
    /// jsdom in Node defines both as its fake window, which would make Node look like a browser.
    #[wasm_bindgen(thread_local_v2, js_name = globalThis)]
    static GLOBAL_THIS: JsValue;
}

/// The message of `NeonBrowserError`: the one text in js/internal/browser-message.mjs, which the browser
/// entry point (loaded where no wasm runs) throws too. It is copied out of the file when compiling,
/// so the module holds the message alone.
pub const BROWSER_MESSAGE: &str = match std::str::from_utf8(&MESSAGE_BYTES) {
    Ok(text) => text,
    Err(_) => panic!("the browser message is not UTF-8"),
};

const SOURCE: &[u8] = include_bytes!("../../js/internal/browser-message.mjs");
const MESSAGE_BYTES: [u8; quoted(SOURCE).1] = copy(SOURCE, quoted(SOURCE).0);

/// Where the first single-quoted string literal of `source` starts, and its length.
const fn quoted(source: &[u8]) -> (usize, usize) {
    let mut start = 0;
    while source[start] != b'\'' {
        start += 1;
    }
    let mut end = start + 1;
    while source[end] != b'\'' {
        assert!(source[end] != b'\\', "the browser message must hold no escapes");
        end += 1;
    }
    (start + 1, end - start - 1)
}

/// `N` bytes of `source` from `start`.
const fn copy<const N: usize>(source: &[u8], start: usize) -> [u8; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = source[start + i];
        i += 1;
    }
    out
}

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
    // The runtimes with globals of their own are told apart before `process` is read: in Deno,
    // `globalThis.process` is a getter that loads Deno's Node compatibility layer, tens of
    // milliseconds that the first client of a process would otherwise wait for.
    if present(&global, "Deno")
        || present(&global, "Bun")
        || get(&global, "EdgeRuntime").is_string()
        || present(&global, "WebSocketPair")
    {
        return false;
    }
    let process = get(&global, "process");
    // An Electron renderer has Node's `process`, so it is checked before Node.
    if get(&process, "type").as_string().as_deref() == Some("renderer") {
        return true;
    }
    let server = get(&get(&process, "versions"), "node").is_string()
        || get(&get(&global, "navigator"), "userAgent").as_string().as_deref() == Some("Cloudflare-Workers");
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
