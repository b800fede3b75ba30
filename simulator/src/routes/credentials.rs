//! `/projects/{project_id}/branches/{branch_id}/credentials[/{token_id}[/reveal|/rotate]]`:
//! branch credentials (Beta).
//!
//! Order of checks: path ids (400), project and branch reach (403/404), the request body (400),
//! then the credential (404, or 409 for revealing a legacy one). Messages never carry a secret.

use serde::Serialize;

use crate::http::{parse_object, Reply};
use crate::keys::Principal;
use crate::minted::MintedLog;
use crate::routes::json_fields::{opt_string_array, opt_string_len, req_string, Body};
use crate::routes::{not_found_route, ApiRequest};
use crate::state::branch_auth::BranchRef;
use crate::state::credentials::{Credential, CredentialError, CredentialStore, REQUESTABLE_SCOPES, USER_PRINCIPAL};
use crate::state::State;

/// The fields `POST …/credentials` accepts.
const CREATE_FIELDS: [&str; 3] = ["name", "scopes", "principal_type"];
/// Longest accepted `name`, in characters.
const NAME_MAX_CHARS: usize = 255;

/// `CredentialMeta`, one item of `ListCredentialsResponse`.
#[derive(Serialize)]
struct Meta<'a> {
    token_id: &'a str,
    token_id_short: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    scopes: &'a [String],
    branch_id: &'a str,
    principal_type: &'a str,
    created_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_at: Option<&'a str>,
}

/// `ListCredentialsResponse`.
#[derive(Serialize)]
struct Listing<'a> {
    credentials: Vec<Meta<'a>>,
}

/// `CreateCredentialResponse`, and `RotateCredentialResponse` when `principal_type` is set.
#[derive(Serialize)]
struct Issued<'a> {
    token_id: &'a str,
    token_id_short: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    api_token: &'a str,
    s3_secret_access_key: &'a str,
    scopes: &'a [String],
    branch_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    principal_type: Option<&'a str>,
    created_at: &'a str,
}

/// `CredentialSecret`.
#[derive(Serialize)]
struct Revealed<'a> {
    token_id: &'a str,
    api_token: &'a str,
    s3_secret_access_key: &'a str,
}

/// Dispatches a credentials request; `rest` are the segments after `credentials`.
pub fn route(
    req: &ApiRequest<'_>,
    caller: &Principal,
    state: &mut State,
    (project_id, branch_id): (&str, &str),
    rest: &[&str],
) -> Reply {
    let at = match super::reachable_branch(caller, state, project_id, branch_id) {
        Ok(at) => at,
        Err(reply) => return reply,
    };
    let (store, log, request_id) = (&mut state.credentials, &mut state.minted, req.request_id);
    let outcome = match (req.method, rest) {
        ("GET", []) => Ok(list(store, at)),
        ("POST", []) => create(store, log, request_id, at, req.body),
        ("DELETE", [token_id]) => revoke(store, log, request_id, at, token_id),
        ("POST", [token_id, "reveal"]) => reveal(store, at, token_id),
        ("POST", [token_id, "rotate"]) => rotate(store, log, request_id, at, token_id),
        _ => Err(not_found_route()),
    };
    outcome.unwrap_or_else(|reply| reply)
}

/// Maps a refused credential operation to its reply.
pub fn credential_error(err: CredentialError) -> Reply {
    match err {
        CredentialError::NotFound => Reply::not_found("credential not found"),
        CredentialError::NoRecoverableSecret => Reply::conflict(
            "this credential was issued before secret retrieval was supported and has no recoverable secret; rotate it to obtain one",
        ),
    }
}

fn meta(c: &Credential) -> Meta<'_> {
    Meta {
        token_id: &c.token_id,
        token_id_short: c.token_id_short(),
        name: c.name.as_deref(),
        scopes: &c.scopes,
        branch_id: &c.branch_id,
        principal_type: &c.principal_type,
        created_at: &c.created_at,
        revoked_at: c.revoked_at.as_deref(),
    }
}

/// The answer of a create (`rotated` false) or a rotate, with the credential's live secrets.
fn issued(c: &Credential, rotated: bool) -> Result<Issued<'_>, Reply> {
    let secrets = c
        .secrets
        .as_ref()
        .ok_or_else(|| credential_error(CredentialError::NotFound))?;
    Ok(Issued {
        token_id: &c.token_id,
        token_id_short: c.token_id_short(),
        name: c.name.as_deref(),
        api_token: &secrets.api_token,
        s3_secret_access_key: &secrets.s3_secret_access_key,
        scopes: &c.scopes,
        branch_id: &c.branch_id,
        principal_type: rotated.then_some(c.principal_type.as_str()),
        created_at: &c.created_at,
    })
}

/// `GET …/credentials` → 200 `{"credentials": [..]}`, revoked ones included.
fn list(store: &CredentialStore, at: BranchRef<'_>) -> Reply {
    Reply::ok(&Listing {
        credentials: store.list(at).into_iter().map(meta).collect(),
    })
}

/// The `name` and `scopes` of a valid `CreateCredentialRequest`; scopes given twice count once.
pub fn create_request(body: &[u8]) -> Result<(Option<String>, Vec<String>), Reply> {
    let fields: Body = parse_object(body, "scopes and principal_type")?;
    if fields.keys().any(|k| !CREATE_FIELDS.contains(&k.as_str())) {
        return Err(Reply::bad_request(
            "request body has an unknown field; accepted fields: name, scopes, principal_type",
        ));
    }
    let requested = opt_string_array(&fields, "scopes")?.ok_or_else(|| Reply::bad_request("scopes is required"))?;
    if requested.is_empty() {
        return Err(Reply::bad_request("scopes must contain at least one scope"));
    }
    let mut scopes: Vec<String> = Vec::new();
    for scope in requested {
        if !REQUESTABLE_SCOPES.contains(&scope.as_str()) {
            return Err(Reply::bad_request(format!(
                "scopes may contain only: {}",
                REQUESTABLE_SCOPES.join(", ")
            )));
        }
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    if req_string(&fields, "principal_type")? != USER_PRINCIPAL {
        return Err(Reply::bad_request(
            "principal_type must be user: only customer-managed credentials are issued here",
        ));
    }
    let name = opt_string_len(&fields, "name", 1..=NAME_MAX_CHARS)?;
    Ok((name, scopes))
}

/// `POST …/credentials` → 201 `CreateCredentialResponse`; the secrets shown are recorded.
fn create(
    store: &mut CredentialStore,
    log: &mut MintedLog,
    request_id: &str,
    at: BranchRef<'_>,
    body: &[u8],
) -> Result<Reply, Reply> {
    let (name, scopes) = create_request(body)?;
    let credential = store.create(at, name, scopes);
    let answer = issued(credential, false)?;
    if let Some(secrets) = &credential.secrets {
        log.credential(&credential.token_id, secrets, request_id);
    }
    Ok(Reply::created(&answer))
}

/// `DELETE …/credentials/{token_id}` → 204; a revoked or unknown id, or one of another branch, → 404.
fn revoke(
    store: &mut CredentialStore,
    log: &mut MintedLog,
    request_id: &str,
    at: BranchRef<'_>,
    token_id: &str,
) -> Result<Reply, Reply> {
    store.revoke(at, token_id).map_err(credential_error)?;
    log.credential_revoked(token_id, request_id);
    Ok(Reply::empty(204))
}

/// `POST …/credentials/{token_id}/reveal` → 200 `CredentialSecret`; 409 for a legacy credential.
fn reveal(store: &CredentialStore, at: BranchRef<'_>, token_id: &str) -> Result<Reply, Reply> {
    let (credential, secrets) = store.reveal(at.project_id, token_id).map_err(credential_error)?;
    Ok(Reply::ok(&Revealed {
        token_id: &credential.token_id,
        api_token: &secrets.api_token,
        s3_secret_access_key: &secrets.s3_secret_access_key,
    }))
}

/// `POST …/credentials/{token_id}/rotate` → 200 `RotateCredentialResponse` with new secrets; the
/// old ones are recorded as revoked by this request.
fn rotate(
    store: &mut CredentialStore,
    log: &mut MintedLog,
    request_id: &str,
    at: BranchRef<'_>,
    token_id: &str,
) -> Result<Reply, Reply> {
    let credential = store.rotate(at, token_id).map_err(credential_error)?;
    let answer = issued(credential, true)?;
    if let Some(secrets) = &credential.secrets {
        log.credential(&credential.token_id, secrets, request_id);
    }
    Ok(Reply::ok(&answer))
}
