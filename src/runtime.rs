//! What differs between the native and the wasm target: sleeping and randomness.

use std::time::Duration;

/// Waits for `duration` (JavaScript `setTimeout` on wasm, tokio on native).
#[cfg(target_arch = "wasm32")]
pub async fn sleep(duration: Duration) {
    futures_timer::Delay::new(duration).await
}

/// Waits for `duration` (JavaScript `setTimeout` on wasm, tokio on native).
#[cfg(not(target_arch = "wasm32"))]
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await
}

/// A random fraction in `[0, 1)`, for backoff jitter.
pub fn random_fraction() -> f64 {
    let bits = uuid::Uuid::new_v4().as_u128() as u64 >> 11;
    bits as f64 / (1u64 << 53) as f64
}

/// A new random request ID (UUID v4).
pub fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
