//! Prints every operation as declared in the core (`neon_admin::operations::all`), as JSON, for
//! `scripts/operations.mjs`: `cargo run --quiet --example operation-table`.

fn main() {
    let table = serde_json::to_string_pretty(&neon_admin::operations::all()).expect("the table encodes");
    println!("{table}");
}
