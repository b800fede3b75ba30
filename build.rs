//! Link settings for the native Node addon (only with the `napi` feature).

fn main() {
    #[cfg(feature = "napi")]
    napi_build::setup();
}
