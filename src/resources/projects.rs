//! Discovery: projects and branches, cursor-paginated (a branch by name: [`super::branch_lookup`]).

use crate::error::Result;
use crate::http::client::Client;
use crate::json::checked::Checked;
use crate::json::input::parse;
use crate::operations::dispatch::required;
use crate::validate;
use serde::{Deserialize, Serialize};

/// A project as listed (the fields an admin tool needs; the API sends more).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Project ID.
    pub id: String,
    /// Project name.
    pub name: String,
    /// Region, e.g. `aws-us-east-2`.
    pub region_id: String,
    /// Postgres major version.
    pub pg_version: u32,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update (RFC 3339).
    pub updated_at: String,
    /// Owning organization, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
}

/// A branch as listed.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Branch {
    /// Branch ID (`br-…`).
    pub id: String,
    /// Project ID.
    pub project_id: String,
    /// Branch name.
    pub name: String,
    /// Parent branch ID, when branched from another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Current state, e.g. `ready`. Values the API adds later are passed through.
    pub current_state: String,
    /// Whether this is the project's default branch.
    pub default: bool,
    /// Whether the branch is protected.
    pub protected: bool,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update (RFC 3339).
    pub updated_at: String,
}

/// One page of a listing and the cursor of the next page (`null` on the last page).
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The items of this page, as the API sent them (fields this library does not type too).
    #[cfg_attr(feature = "wasm", tsify(type = "T[]"))]
    pub items: Checked<Vec<T>>,
    /// Cursor for the next page, or `null` when this was the last.
    #[cfg_attr(feature = "wasm", tsify(type = "string | null"))]
    pub next_cursor: Option<String>,
}

/// Options of `projects.list()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectQuery {
    /// Only projects whose name or ID contains this.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub search: Option<String>,
    /// Only projects of this organization.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub org_id: Option<String>,
    /// Page size (1 to 400, default 10); the listing follows cursors across pages.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub limit: Option<u32>,
    /// Start after this cursor (as returned in `next_cursor`).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub cursor: Option<String>,
    /// How long the API may take, in milliseconds (100 to 30000); after it, the API answers with
    /// the projects fetched so far and lists the others under `unavailable`.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub timeout: Option<u32>,
    /// Only deleted projects still within the recovery window.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub recoverable: Option<bool>,
}

/// The field branches are sorted by.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BranchSortBy {
    /// The branch name.
    Name,
    /// Creation time.
    CreatedAt,
    /// Last update (the API's default).
    UpdatedAt,
}

impl BranchSortBy {
    fn as_str(self) -> &'static str {
        match self {
            BranchSortBy::Name => "name",
            BranchSortBy::CreatedAt => "created_at",
            BranchSortBy::UpdatedAt => "updated_at",
        }
    }
}

/// A sort order.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Ascending.
    Asc,
    /// Descending (the API's default).
    Desc,
}

impl SortOrder {
    fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

/// Options of `branches(projectId).list()`.
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BranchQuery {
    /// Only branches whose name or ID contains this.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub search: Option<String>,
    /// Page size (1 to 10000; the API's default when absent).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub limit: Option<u32>,
    /// Start at this cursor (as returned in `next_cursor`).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub cursor: Option<String>,
    /// Sort by this field (the API's default: `updated_at`).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sort_by: Option<BranchSortBy>,
    /// Sort order (the API's default: `desc`).
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub sort_order: Option<SortOrder>,
    /// Also list deleted branches still within the recovery window.
    #[cfg_attr(feature = "wasm", tsify(optional))]
    pub include_deleted: Option<bool>,
}

#[derive(Deserialize)]
struct ProjectsBody {
    projects: Vec<Project>,
    #[serde(default)]
    pagination: Option<ProjectsPagination>,
}

#[derive(Deserialize)]
struct ProjectsPagination {
    cursor: Option<String>,
}

#[derive(Deserialize)]
struct BranchesBody {
    branches: Vec<Branch>,
    #[serde(default)]
    pagination: Option<BranchesPagination>,
}

#[derive(Deserialize)]
struct BranchesPagination {
    next: Option<String>,
}

const DEFAULT_PROJECT_LIMIT: u32 = 10;

/// Builds `?a=b&c=d` from the present pairs (values percent-encoded).
fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}={}", validate::encode(v))))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Checks the query's free-text values, which travel in the URL.
fn check_query_text(search: &Option<String>, cursor: &Option<String>) -> Result<()> {
    for (field, value) in [("search", search), ("cursor", cursor)] {
        if let Some(v) = value {
            validate::line(field, v)?;
        }
    }
    Ok(())
}

impl Client {
    /// One page of `GET /projects`.
    pub async fn list_projects_page(&self, q: &ProjectQuery) -> Result<Page<Project>> {
        check_query_text(&q.search, &q.cursor)?;
        if let Some(org) = &q.org_id {
            validate::resource_id("orgId", org)?;
        }
        let limit = q.limit.unwrap_or(DEFAULT_PROJECT_LIMIT);
        validate::range("limit", limit.into(), 1, 400)?;
        if let Some(timeout) = q.timeout {
            validate::range("timeout", timeout.into(), 100, 30_000)?;
        }
        let mut request = PROJECTS_LIST.to("", &[]);
        request.path.push_str(&query(&[
            ("cursor", q.cursor.clone()),
            ("limit", Some(limit.to_string())),
            ("search", q.search.clone()),
            ("org_id", q.org_id.clone()),
            ("timeout", q.timeout.map(|t| t.to_string())),
            ("recoverable", q.recoverable.map(|r| r.to_string())),
        ]));
        let body = self.send_checked::<ProjectsBody>(request).await?;
        // A short page is the last one; so is a page without a cursor or one that repeats it.
        let next_cursor = match body.pagination.as_ref().and_then(|p| p.cursor.clone()) {
            Some(c) if body.projects.len() as u32 >= limit && Some(&c) != q.cursor.as_ref() => Some(c),
            _ => None,
        };
        Ok(Page {
            items: body.field("projects", |b| b.projects),
            next_cursor,
        })
    }

    /// One page of `GET /projects/{project_id}/branches`.
    pub async fn list_branches_page(&self, project_id: &str, q: &BranchQuery) -> Result<Page<Branch>> {
        validate::resource_id("projectId", project_id)?;
        check_query_text(&q.search, &q.cursor)?;
        if let Some(limit) = q.limit {
            validate::range("limit", limit.into(), 1, 10_000)?;
        }
        let mut request = BRANCHES_LIST.to("", &[&validate::segment("projectId", project_id)?]);
        request.path.push_str(&query(&[
            ("search", q.search.clone()),
            ("cursor", q.cursor.clone()),
            ("limit", q.limit.map(|l| l.to_string())),
            ("sort_by", q.sort_by.map(|s| s.as_str().to_string())),
            ("sort_order", q.sort_order.map(|s| s.as_str().to_string())),
            ("include_deleted", q.include_deleted.map(|d| d.to_string())),
        ]));
        let body = self.send_checked::<BranchesBody>(request).await?;
        let next_cursor = body
            .pagination
            .as_ref()
            .and_then(|p| p.next.clone())
            .filter(|n| !n.is_empty() && !body.branches.is_empty() && Some(n) != q.cursor.as_ref());
        Ok(Page {
            items: body.field("branches", |b| b.branches),
            next_cursor,
        })
    }
}

/// Input of `branches.resolve`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BranchRef {
    branch: String,
}

operations! {
    (client: &Client, target, input) under [("", "")];
    /// Every project the key can see, as an async iterable that fetches one page at a time as you
    /// go (`for await (const project of neon.projects.list())`); `toArray()` collects every page.
    const PROJECTS_LIST = "projects.list" GET "/projects"
        (
            input "options?": "Omit<ProjectQuery, 'cursor'> & { cursor?: string }",
        ) -> "Listing<Project>"
        => client.list_projects_page(&parse::<ProjectQuery>("options", input)?).await;
    /// Every branch of the project, as an async iterable that fetches one page at a time as you
    /// go; `toArray()` collects every page.
    const BRANCHES_LIST = "branches.list" GET "/projects/{project_id}/branches"
        (input "options?": "BranchQuery") -> "Listing<Branch>"
        => {
            let query = parse::<BranchQuery>("options", input)?;
            client.list_branches_page(required(&target.project_id, "projectId")?, &query).await
        };
    /// The ID of a branch: an ID (`br-…`) is returned as is; a name must match exactly one
    /// branch, else `NeonConfigError` naming the candidates.
    "branches.resolve" GET "/projects/{project_id}/branches" (field "branch": "string") -> "string"
        => {
            let project = required(&target.project_id, "projectId")?;
            let r: BranchRef = parse("branch", input)?;
            client.resolve_branch(project, &r.branch).await
        };
}
