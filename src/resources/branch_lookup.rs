//! Finding a branch by name: the listing searched for it, and the IDs found kept per client, the
//! one place a name is looked up (see [`crate::operations::dispatch`]).

use super::projects::BranchQuery;
use crate::error::{ApiError, Error, Result};
use crate::http::client::Client;
use crate::validate;
use std::sync::MutexGuard;

/// The error of a listing whose answer gave the cursor of an earlier page again: followed, the
/// pages would cycle for ever.
fn cursor_repeated(listing: &str, pages: usize) -> Error {
    Error::Api(ApiError {
        status: 200,
        code: "cursor_repeated".into(),
        message: format!(
            "{listing}: page {pages} gave the cursor of an earlier page again, so the listing would never end; try again later, or pass the branch ID (br-…)"
        ),
        request_id: String::new(),
        attempts: 1,
        retry_after_ms: None,
        hint: None,
    })
}

/// Whether a branch reference is an ID (`br-…`) rather than a name.
pub fn is_branch_id(value: &str) -> bool {
    value.starts_with("br-") && validate::resource_id("branch", value).is_ok()
}

/// The branch IDs a client found by name: `((project ID, name), branch ID)`, sorted by project
/// and name. A sorted list rather than a `BTreeMap`, whose code for one more key and value type
/// made the wasm module 1.9 kB gzip larger (measured).
pub(crate) type BranchIds = Vec<((String, String), String)>;

/// Where the branch named `name` of `project_id` is in `ids`, or where it would go.
fn find(ids: &BranchIds, project_id: &str, name: &str) -> std::result::Result<usize, usize> {
    ids.binary_search_by(|((p, n), _)| (p.as_str(), n.as_str()).cmp(&(project_id, name)))
}

impl Client {
    /// Resolves a branch ID or name to an ID. An ID (`br-…`) is returned as is, without a request;
    /// a name must match exactly one branch of the project, else a `NeonConfigError` naming the
    /// candidates.
    pub async fn resolve_branch(&self, project_id: &str, name_or_id: &str) -> Result<String> {
        validate::resource_id("projectId", project_id)?;
        if is_branch_id(name_or_id) {
            return Ok(name_or_id.to_string());
        }
        if let Some(id) = self.cached_branch_id(project_id, name_or_id) {
            return Ok(id);
        }
        let id = self.look_up_branch(project_id, name_or_id).await?;
        let mut ids = self.branch_ids_mut();
        match find(&ids, project_id, name_or_id) {
            Ok(at) => ids[at].1 = id.clone(),
            Err(at) => ids.insert(at, ((project_id.to_string(), name_or_id.to_string()), id.clone())),
        }
        Ok(id)
    }

    /// The ID this client found earlier for the branch named `name`, if any.
    pub(crate) fn cached_branch_id(&self, project_id: &str, name: &str) -> Option<String> {
        let ids = self.branch_ids_mut();
        find(&ids, project_id, name).ok().map(|at| ids[at].1.clone())
    }

    /// Forgets the ID found for the branch named `name` (it answered 404: it may have been
    /// deleted and made again under the same name).
    pub(crate) fn forget_branch_id(&self, project_id: &str, name: &str) {
        let mut ids = self.branch_ids_mut();
        if let Ok(at) = find(&ids, project_id, name) {
            ids.remove(at);
        }
    }

    fn branch_ids_mut(&self) -> MutexGuard<'_, BranchIds> {
        // A panic while the lock was held leaves a map that is still whole: use it.
        self.branch_ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The ID of the one branch named `name_or_id`, from the listing.
    async fn look_up_branch(&self, project_id: &str, name_or_id: &str) -> Result<String> {
        validate::length("branch", name_or_id, 1, validate::MAX_TEXT_BYTES)?;
        validate::line("branch", name_or_id)?;
        let mut matches = Vec::new();
        let mut near = Vec::new();
        let mut q = BranchQuery {
            search: Some(name_or_id.to_string()),
            ..Default::default()
        };
        let mut cursors: Vec<String> = Vec::new();
        for _ in 0..1000 {
            let page = self.list_branches_page(project_id, &q).await?;
            for b in page.items.into_inner() {
                // The same branch may come back on two pages; it is still one branch.
                if b.name == name_or_id {
                    if !matches.contains(&b.id) {
                        matches.push(b.id);
                    }
                } else if near.len() < 5 {
                    near.push(format!("{} ({})", b.name, b.id));
                }
            }
            match page.next_cursor {
                Some(c) if cursors.contains(&c) => return Err(cursor_repeated("branches.resolve", cursors.len() + 1)),
                Some(c) => {
                    cursors.push(c.clone());
                    q.cursor = Some(c);
                }
                None => break,
            }
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 if near.is_empty() => Err(Error::field(
                "branch",
                format!("no branch named {name_or_id:?} in project {project_id}: check the name, or pass the branch ID (br-…)"),
            )),
            0 => Err(Error::field(
                "branch",
                format!("no branch named exactly {name_or_id:?} in project {project_id}; similar: {}", near.join(", ")),
            )),
            _ => Err(Error::field(
                "branch",
                format!(
                    "{} branches are named {name_or_id:?} in project {project_id} ({}): pass the branch ID instead",
                    matches.len(),
                    matches.join(", ")
                ),
            )),
        }
    }
}
