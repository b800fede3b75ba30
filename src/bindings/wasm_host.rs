//! The credential [`Host`] of the wasm build: environment and files come from JavaScript
//! functions the loader passes in; a runtime without them passes none.

use crate::credentials::Host;
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A JavaScript object with optional `env(name)`, `readFile(path)`, `homeDir()` functions and an
/// optional `unavailable` array naming the sources the runtime cannot offer.
pub struct JsHost(pub JsValue);

impl JsHost {
    fn function(&self, name: &str) -> Option<Function> {
        Reflect::get(&self.0, &JsValue::from_str(name))
            .ok()?
            .dyn_into::<Function>()
            .ok()
    }

    fn call(&self, name: &str, arg: Option<&str>) -> Result<JsValue, JsValue> {
        let Some(f) = self.function(name) else {
            return Ok(JsValue::UNDEFINED);
        };
        match arg {
            Some(a) => f.call1(&self.0, &JsValue::from_str(a)),
            None => f.call0(&self.0),
        }
    }
}

impl Host for JsHost {
    fn env(&self, name: &str) -> Option<String> {
        self.call("env", Some(name)).ok()?.as_string()
    }

    fn read_file(&self, path: &str) -> Result<Option<String>, String> {
        match self.call("readFile", Some(path)) {
            Ok(v) => Ok(v.as_string()),
            Err(e) => Err(Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "unreadable".to_string())),
        }
    }

    fn home_dir(&self) -> Option<String> {
        self.call("homeDir", None).ok()?.as_string()
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn unavailable(&self) -> Vec<String> {
        Reflect::get(&self.0, &JsValue::from_str("unavailable"))
            .ok()
            .filter(Array::is_array)
            .map(|v| Array::from(&v).iter().filter_map(|s| s.as_string()).collect())
            .unwrap_or_default()
    }
}
