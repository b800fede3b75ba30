//! `GET /projects`: the projects the caller can reach, paged by id.

use serde::Serialize;
use serde_json::Map;

use crate::http::Reply;
use crate::keys::Principal;
use crate::routes::query::Query;
use crate::state::projects::{self, Project, ProjectQuery};
use crate::state::State;
use crate::validate::is_valid_slug;

/// Default page size.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest page size.
pub const MAX_LIMIT: usize = 400;

/// `Pagination`: the id of the last project on the page.
#[derive(Serialize)]
struct Pagination {
    cursor: String,
}

/// The listing body (`ProjectsResponse` + pagination + the two maps the
/// spec requires).
#[derive(Serialize)]
struct ProjectsPage<'a> {
    projects: Vec<&'a Project>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagination: Option<Pagination>,
    applications: Map<String, serde_json::Value>,
    integrations: Map<String, serde_json::Value>,
}

fn parse_query(raw: &str) -> Result<(ProjectQuery, bool), Reply> {
    let q = Query::parse(raw)?;
    let limit = q.int_in("limit", 1..=MAX_LIMIT, DEFAULT_LIMIT)?;
    let org_id = match q.get("org_id") {
        Some(org) if !is_valid_slug(org) => return Err(Reply::bad_request("org_id must match ^[a-z0-9-]{1,60}$")),
        org => org.map(str::to_string),
    };
    q.int_in("timeout", 100..=30_000, 100)?;
    let recoverable = q
        .choice("recoverable", |s| s.parse::<bool>().ok(), "true, false")?
        .unwrap_or(false);
    let query = ProjectQuery {
        search: q.non_empty("search").map(str::to_string),
        org_id,
        cursor: q.non_empty("cursor").map(str::to_string),
        limit,
    };
    Ok((query, recoverable))
}

/// `GET /projects?cursor&limit&search&org_id`.
pub fn list(state: &State, caller: &Principal, raw_query: &str) -> Reply {
    let (query, recoverable) = match parse_query(raw_query) {
        Ok(parsed) => parsed,
        Err(reply) => return reply,
    };
    // No seeded project is deleted, so none is recoverable.
    let page = if recoverable {
        Vec::new()
    } else {
        projects::page(state.visible_projects(caller), &query)
    };
    let pagination = page.last().map(|p| Pagination { cursor: p.id.clone() });
    Reply::ok(&ProjectsPage {
        projects: page,
        pagination,
        applications: Map::new(),
        integrations: Map::new(),
    })
}
