//! JSON in and out of the core: caller input decoded into typed structs with errors that name the
//! field ([`input`], over the path-tracking decoder [`de`]), and answers checked against their type
//! while kept as the API sent them ([`checked`]).

pub mod checked;
pub(crate) mod de;
pub(crate) mod input;
