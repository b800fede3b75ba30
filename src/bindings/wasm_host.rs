//! The credential [`Host`] of the wasm build: environment and files come from JavaScript
//! functions the loader passes in; a runtime without them passes none.

use crate::credentials::HostMethods;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript object with optional `env(name)`, `readFile(path)`, `homeDir()` functions, an
/// optional `unavailable` array naming the sources the runtime cannot offer, and, where files can
/// be written (to refresh a CLI login), `canWrite()`, `writeFileAtomic(path, text)`,
/// `createNew(path)`, `removeFile(path)`, `modifiedMs(path)` and `absolute(path)`.
pub struct JsHost(pub JsValue);

impl JsHost {
    fn function(&self, name: &str) -> Option<Function> {
        Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    }

    fn invoke(&self, name: &str, arg: Option<&str>) -> Result<JsValue, JsValue> {
        let Some(f) = self.function(name) else {
            return Ok(JsValue::UNDEFINED);
        };
        match arg {
            Some(a) => f.call1(&self.0, &JsValue::from_str(a)),
            None => f.call0(&self.0),
        }
    }
}

/// A thrown JavaScript error's message.
fn message(e: JsValue) -> String {
    Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "failed".to_string())
}

impl HostMethods for JsHost {
    fn env(&self, name: &str) -> Option<String> {
        self.invoke("env", Some(name)).ok()?.as_string()
    }

    fn read_file(&self, path: &str) -> Result<Option<String>, String> {
        match self.invoke("readFile", Some(path)) {
            Ok(v) => Ok(v.as_string()),
            Err(e) => Err(message(e)),
        }
    }

    fn home_dir(&self) -> Option<String> {
        self.invoke("homeDir", None).ok()?.as_string()
    }

    fn unavailable(&self) -> Vec<String> {
        Reflect::get(&self.0, &JsValue::from_str("unavailable"))
            .ok()
            .filter(Array::is_array)
            .map(|v| Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
            .unwrap_or_default()
    }

    fn absolute(&self, path: &str) -> String {
        self.invoke("absolute", Some(path))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| path.to_string())
    }

    fn can_write(&self) -> bool {
        self.invoke("canWrite", None)
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    }

    fn write_file_atomic(&self, path: &str, text: &str) -> Result<(), String> {
        let f = self
            .function("writeFileAtomic")
            .ok_or("this runtime cannot write files")?;
        f.call2(&self.0, &JsValue::from_str(path), &JsValue::from_str(text))
            .map(|_| ())
            .map_err(message)
    }

    fn create_new(&self, path: &str) -> Result<bool, String> {
        if self.function("createNew").is_none() {
            return Err("this runtime cannot write files".into());
        }
        self.invoke("createNew", Some(path))
            .map(|v| v.is_truthy())
            .map_err(message)
    }

    fn remove_file(&self, path: &str) {
        let _ = self.invoke("removeFile", Some(path));
    }

    fn modified_ms(&self, path: &str) -> Option<f64> {
        self.invoke("modifiedMs", Some(path)).ok()?.as_f64()
    }
}
