//! Turning JavaScript values into JSON for the core, strictly: only plain data passes (no NaN or
//! Infinity, functions, symbols, BigInt, class instances or cycles), with the path of the
//! offending value in the error.

use crate::Error;
use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting accepted.
const MAX_DEPTH: usize = 16;
/// Longest string accepted (1 MiB).
const MAX_STRING: u32 = 1 << 20;
/// Most array items or object keys accepted.
const MAX_ITEMS: u32 = 10_000;

/// Converts a JS value into JSON; `undefined` properties are left out, a top-level `undefined`
/// becomes an empty object.
pub fn to_json(name: &str, value: &JsValue) -> Result<Value, Error> {
    if value.is_undefined() {
        return Ok(Value::Object(Map::new()));
    }
    convert(value, name, 0)
}

fn bad(path: &str, what: &str) -> Error {
    Error::field(path, what.to_string())
}

fn convert(value: &JsValue, path: &str, depth: usize) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(bad(path, "is nested too deeply"));
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        if !n.is_finite() {
            return Err(bad(path, "must be a finite number"));
        }
        if n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_991.0 {
            return Ok(Value::Number(Number::from(n as i64)));
        }
        return Number::from_f64(n)
            .map(Value::Number)
            .ok_or_else(|| bad(path, "must be a finite number"));
    }
    if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
        if s.length() > MAX_STRING {
            return Err(bad(path, "is too long"));
        }
        return Ok(Value::String(String::from(s)));
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        if array.length() > MAX_ITEMS {
            return Err(bad(path, "has too many items"));
        }
        return array
            .iter()
            .enumerate()
            .map(|(i, item)| convert(&item, &format!("{path}[{i}]"), depth + 1))
            .collect();
    }
    if !value.is_object() || !is_plain(value) {
        return Err(bad(
            path,
            "must be plain data (strings, numbers, booleans, arrays and plain objects)",
        ));
    }
    let keys = Object::keys(value.unchecked_ref::<Object>());
    if keys.length() > MAX_ITEMS {
        return Err(bad(path, "has too many fields"));
    }
    let mut map = Map::new();
    for key in keys.iter() {
        let name = key.as_string().unwrap_or_default();
        let child_path = if depth == 0 {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        let child = Reflect::get(value, &key).map_err(|_| bad(&child_path, "could not be read"))?;
        if child.is_undefined() {
            continue;
        }
        map.insert(name, convert(&child, &child_path, depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// A plain object: its prototype is `Object.prototype` or `null`.
fn is_plain(value: &JsValue) -> bool {
    let proto = Object::get_prototype_of(value);
    proto.is_null() || proto == Object::get_prototype_of(&Object::new())
}
