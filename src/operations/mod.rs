//! Operations: each declared once, in its resource module, with [`operations!`]. The declaration
//! gives the one name, the HTTP method and path, the method's parameters (where each argument
//! goes, and its TypeScript type) and result, the secret fields, and the code that runs it. From
//! it come the dispatch ([`dispatch`]) and, outside wasm, the table [`all`] that
//! `scripts/operation_table.rs` prints for `scripts/operations.mjs`, which writes the JavaScript
//! resource classes, their TypeScript declarations, the API table of docs/api.md and the lists the
//! test suites walk. The table is not built into wasm: the module carries only the names its
//! dispatch matches.

pub mod dispatch;

/// The request line of a declared operation: its method and path template (below the owner's
/// prefix). Resource modules build their requests from it, so that the method and path of each
/// operation are written once, in its declaration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Route {
    pub(crate) method: crate::http::transport::Method,
    /// The path template, `{…}` for each parameter (`/oauth_providers/{oauth_provider_id}`).
    pub(crate) path: &'static str,
}

impl Route {
    /// The request, without a body, to the path below `prefix` with `params` filled in (see
    /// [`fill`]).
    pub(crate) fn to(self, prefix: &str, params: &[&str]) -> crate::http::client::ApiRequest {
        crate::http::client::ApiRequest::new(self.method, fill(prefix, self.path, params), None)
    }

    /// The request with `body` as its JSON, to the path below `prefix` with `params` filled in.
    pub(crate) fn with_json(
        self,
        prefix: &str,
        params: &[&str],
        body: &impl serde::Serialize,
    ) -> crate::error::Result<crate::http::client::ApiRequest> {
        crate::http::client::ApiRequest::json(self.method, fill(prefix, self.path, params), body)
    }
}

/// `prefix`, then `template` with each `{…}` filled in order from `params` (path segments, already
/// checked and encoded).
pub(crate) fn fill(prefix: &str, template: &str, params: &[&str]) -> String {
    let mut out = String::with_capacity(prefix.len() + template.len());
    out.push_str(prefix);
    let mut rest = template;
    let mut params = params.iter();
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        out.push_str(params.next().copied().unwrap_or_default());
        rest = rest[open..].find('}').map_or("", |close| &rest[open + close + 1..]);
    }
    out.push_str(rest);
    out
}

/// One operation as declared; see the module documentation.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct Operation {
    /// The one name of the operation: the method a caller calls, from the client
    /// (`branchAuth.emailProvider.test`), and the name the dispatch, the debug log, errors, the
    /// docs and test titles use.
    pub name: String,
    /// `GET`, `POST`, `PATCH`, `PUT` or `DELETE`; `COMPOSITE` for a flow that sends several
    /// requests (`apply`, `rotate`).
    pub method: &'static str,
    /// The path template below the API base (`/projects/{project_id}/…`).
    pub path: String,
    /// See [`retry_class`].
    pub retry: &'static str,
    /// The method's parameters before `requestOptions`, and where each argument goes.
    pub params: Vec<Param>,
    /// What the method resolves to, as TypeScript.
    pub result: &'static str,
    /// Input fields never repeated in an error (marked `x-sensitive`, or secrets).
    pub hidden_inputs: &'static [&'static str],
    /// Result fields redacted when the result is inspected.
    pub redacted_results: &'static [&'static str],
    /// The doc comment, for the JavaScript methods, their TypeScript declarations and docs/api.md.
    pub doc: String,
}

/// One parameter of an operation's method, as declared: `input "options?": "DomainOptions"`.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, serde::Serialize)]
pub struct Param {
    /// Where the argument goes: `target` (a path parameter, into the target under `name`),
    /// `input` (the whole input object), `field` (the input's field `name`) or `list` (a field
    /// that takes a list or one string).
    pub kind: &'static str,
    /// The parameter's name, which is also its target or input field.
    pub name: &'static str,
    /// Whether the argument may be left out.
    pub optional: bool,
    /// Its TypeScript type.
    pub ts: &'static str,
}

#[cfg(not(target_arch = "wasm32"))]
impl Param {
    /// A parameter from its declaration; a name ending in `?` is optional.
    pub(crate) fn new(kind: &'static str, name: &'static str, ts: &'static str) -> Param {
        assert!(
            matches!(kind, "target" | "input" | "field" | "list"),
            "{name}: unknown parameter kind {kind}"
        );
        let (name, optional) = name.strip_suffix('?').map_or((name, false), |n| (n, true));
        Param {
            kind,
            name,
            optional,
            ts,
        }
    }
}

/// Declares the operations of one resource module.
///
/// ```text
/// operations! {
///     (receiver: Type, target, input) under [("owner", "/path/prefix"), …];
///     /// Doc.
///     [const ROUTE =] "name" METHOD "/path"
///         (kind "param": "TsType", kind "optional?": "TsType", …) -> "TsResult"
///         [hidden "a", …] [redacted "b", …]
///         => body_expression;
///     …
/// }
/// ```
///
/// The operation's one name is the owner's, a dot and `name` (`branchAuth` and `domains.add`);
/// an empty owner takes `name` as it is (`projects.list`). `kind` says where the argument goes
/// (see [`Param`]): the generator writes each JavaScript method from it. `body_expression` is a
/// future of the typed result; it may use `?` and the three names of the header: the receiver,
/// the [`dispatch::Target`] and the input JSON. The macro writes `run_operation(receiver,
/// target, op, slot)` (`op` is the name below the owner; the input stays in `slot` when `op` is
/// not declared here), a [`Route`] constant `ROUTE` for each operation that names one (its
/// implementation sends that route; `COMPOSITE` operations send other operations' routes) and,
/// outside wasm, `operations()` (each one under each owner of the header). rustfmt does not format
/// macro input: rows are wrapped by hand within 100 columns (`tests/js/operations.test.mjs`).
macro_rules! operations {
    (
        ($recv:ident: $recv_ty:ty, $target:ident, $input:ident) under [$(($group:literal, $prefix:expr)),* $(,)?];
        $(
            $(#[doc = $doc:literal])*
            $(const $route:ident =)? $name:literal $method:ident $path:literal
                ($($kind:ident $pname:literal: $pty:literal),* $(,)?) -> $result:literal
                $([hidden $($hidden:literal),*])?
                $([redacted $($redacted:literal),*])?
                => $body:expr;
        )*
    ) => {
        $($(
            #[doc = concat!("`", $name, "`: `", stringify!($method), " ", $path, "`.")]
            pub(crate) const $route: crate::operations::Route = crate::operations::Route {
                method: crate::http::transport::Method::$method,
                path: $path,
            };
        )?)*

        /// Runs operation `op` of this module (its name below the owner), taking the input out
        /// of `slot`; leaves it there when `op` is not declared here.
        #[allow(unused_variables)]
        pub(crate) async fn run_operation(
            $recv: $recv_ty,
            $target: &crate::operations::dispatch::Target,
            op: &str,
            slot: &mut Option<serde_json::Value>,
        ) -> crate::error::Result<String> {
            match op {
                $($name => {
                    let $input = slot.take().unwrap_or_default();
                    #[allow(unused_imports)]
                    use crate::operations::dispatch::{AsSent as _, Encoded as _};
                    crate::operations::dispatch::Reply($body?).into_text()
                })*
                _ => Err(crate::operations::dispatch::unknown(op)),
            }
        }

        /// The operations of this module, as declared.
        #[cfg(not(target_arch = "wasm32"))]
        pub fn operations() -> Vec<crate::operations::Operation> {
            let mut all = Vec::new();
            for (group, prefix) in [$(($group, $prefix)),*] {
                $(all.push(crate::operations::Operation {
                    name: crate::operations::qualified(group, $name),
                    method: stringify!($method),
                    path: format!("{prefix}{}", $path),
                    retry: crate::operations::retry_class(stringify!($method)),
                    params: vec![$(crate::operations::Param::new(stringify!($kind), $pname, $pty)),*],
                    result: $result,
                    hidden_inputs: &[$($($hidden),*)?],
                    redacted_results: &[$($($redacted),*)?],
                    doc: crate::operations::doc(&[$($doc),*]),
                });)*
            }
            all
        }
    };
}

/// How a method is retried: a read after any transient failure, a write only on 423, 429 and 503.
/// `COMPOSITE` (`apply`, `rotate`) sends several requests, each retried by its own method.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn retry_class(method: &str) -> &'static str {
    match method {
        "GET" => "read",
        "COMPOSITE" => "each request by its method",
        _ => "write",
    }
}

/// `group.name`, or `name` alone without a group.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn qualified(group: &str, name: &str) -> String {
    if group.is_empty() {
        name.to_string()
    } else {
        format!("{group}.{name}")
    }
}

/// A doc comment's lines joined, without the one leading space each has.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn doc(lines: &[&str]) -> String {
    let lines: Vec<&str> = lines.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
    lines.join("\n")
}

/// Every operation, in the order of the API table of docs/api.md.
#[cfg(not(target_arch = "wasm32"))]
pub fn all() -> Vec<Operation> {
    use crate::resources::branch_auth::*;
    [
        crate::resources::account::operations(),
        crate::resources::projects::operations(),
        crate::resources::api_keys::operations(),
        integration::operations(),
        domains::operations(),
        oauth_providers::operations(),
        email::operations(),
        users::operations(),
        plugins::operations(),
        webhooks::operations(),
        localhost::operations(),
        apply::operations(),
        apply::pull::operations(),
        crate::resources::branch_credentials::operations(),
    ]
    .concat()
}
