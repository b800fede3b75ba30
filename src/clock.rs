//! The wall clock: the system time on native, `Date.now()` in wasm (where `SystemTime` panics).

/// Milliseconds since the Unix epoch (0 if the clock is set before it).
pub fn now_ms() -> f64 {
    #[cfg(all(target_arch = "wasm32", feature = "wasm"))]
    {
        js_sys::Date::now()
    }
    #[cfg(not(all(target_arch = "wasm32", feature = "wasm")))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    }
}
