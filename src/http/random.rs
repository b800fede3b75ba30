//! Randomness for backoff jitter and request ids (the system RNG on native, `crypto` in wasm).

/// A random fraction in `[0, 1)`, for backoff jitter.
pub fn random_fraction() -> f64 {
    let bits = uuid::Uuid::new_v4().as_u128() as u64 >> 11;
    bits as f64 / (1u64 << 53) as f64
}

/// A new random request ID (UUID v4).
pub fn request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
