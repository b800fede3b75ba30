//! JSON in and out of the core: caller input decoded into typed structs with errors that name the
//! field ([`input`], over the path-tracking decoder [`de`]), and answers checked against their type
//! while kept as the API sent them ([`checked`]), or only checked against their shape where the
//! typed value would not be used (`de::shape`, with the shapes generated into `answer_shapes`).

// Written by its generator, which the freshness test compares byte for byte.
#[rustfmt::skip]
#[path = "answer_shapes.generated.rs"]
mod answer_shapes;
pub mod checked;
pub(crate) mod de;
pub(crate) mod input;

/// Declares a struct every field of which may be absent: each field is optional in the
/// TypeScript types and carries the attribute given by `#[each(…)]`, which says how an absent field
/// is read and written (e.g. `serde(skip_serializing_if = "Option::is_none")`: left out of the JSON
/// sent; `serde()` when its own attributes say it all). A field with a type of its own in
/// TypeScript names it with `tsify(type = …)` alone: the macro adds `optional`.
macro_rules! optional_fields {
    (
        #[each($each:meta)]
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_meta:meta])* $field_vis:vis $field:ident: $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $(
                $(#[$field_meta])*
                #[$each]
                #[cfg_attr(feature = "wasm", tsify(optional))]
                $field_vis $field: $ty,
            )*
        }
    };
}
