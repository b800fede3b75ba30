//! `GET /projects/{project_id}/branches`: sorted, searchable, cursor-paged.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::http::Reply;
use crate::keys::Principal;
use crate::routes::query::Query;
use crate::routes::{access_error, path_id};
use crate::state::branches::{self, Branch, BranchQuery, Cursor, SortBy, SortOrder};
use crate::state::State;

/// Default page size.
pub const DEFAULT_LIMIT: usize = 10;
/// Largest page size.
pub const MAX_LIMIT: usize = 10_000;

/// `CursorPagination`.
#[derive(Serialize)]
struct CursorPagination {
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
    sort_by: &'static str,
    sort_order: &'static str,
}

/// `BranchesResponse` + `AnnotationsMapResponse` + `CursorPaginationResponse`.
#[derive(Serialize)]
struct BranchesPage<'a> {
    branches: Vec<&'a Branch>,
    annotations: Map<String, Value>,
    pagination: CursorPagination,
}

fn parse_query(raw: &str) -> Result<BranchQuery, Reply> {
    let q = Query::parse(raw)?;
    let limit = q.int_in("limit", 1..=MAX_LIMIT, DEFAULT_LIMIT)?;
    let sort_by = q.choice("sort_by", SortBy::parse, "name, created_at, updated_at")?;
    let sort_order = q.choice("sort_order", SortOrder::parse, "asc, desc")?;
    q.choice("include_deleted", |s| s.parse::<bool>().ok(), "true, false")?;
    let after = match q.non_empty("cursor") {
        None => None,
        Some(text) => Some(Cursor::decode(text).ok_or_else(|| Reply::bad_request("cursor is not valid"))?),
    };
    if let Some(c) = &after {
        if sort_by.is_some_and(|s| s != c.sort_by) || sort_order.is_some_and(|o| o != c.sort_order) {
            return Err(Reply::bad_request(
                "cursor was issued for a different sort_by or sort_order",
            ));
        }
    }
    Ok(BranchQuery {
        search: q.non_empty("search").map(str::to_string),
        sort_by: sort_by
            .or(after.as_ref().map(|c| c.sort_by))
            .unwrap_or(SortBy::UpdatedAt),
        sort_order: sort_order
            .or(after.as_ref().map(|c| c.sort_order))
            .unwrap_or(SortOrder::Desc),
        after,
        limit,
    })
}

/// `GET /projects/{project_id}/branches?search&sort_by&sort_order&cursor&limit`.
pub fn list(state: &State, caller: &Principal, project_id: &str, raw_query: &str) -> Reply {
    let result = path_id("project_id", project_id)
        .and_then(|()| state.branches_for(caller, project_id).map_err(access_error))
        .and_then(|all| Ok((all, parse_query(raw_query)?)));
    let (all, query) = match result {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    let page = branches::page(all, &query);
    Reply::ok(&BranchesPage {
        branches: page.branches,
        annotations: Map::new(),
        pagination: CursorPagination {
            next: page.next,
            sort_by: query.sort_by.as_str(),
            sort_order: query.sort_order.as_str(),
        },
    })
}
