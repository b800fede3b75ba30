//! Branches and the `GET /projects/{project_id}/branches` listing: search,
//! sorting by (field, id) and opaque cursors.

use std::cmp::Ordering;

use serde::Serialize;

use crate::state::projects::matches_search;

/// A branch, serialized as the spec's `Branch`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Branch {
    /// Branch id (`^[a-z0-9-]{1,60}$`).
    pub id: String,
    /// Project the branch belongs to.
    pub project_id: String,
    /// Parent branch; absent for the root branch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Branch name (not unique).
    pub name: String,
    /// Current state, e.g. `ready`.
    pub current_state: String,
    /// When the state last changed.
    pub state_changed_at: String,
    /// Logical size in bytes.
    pub logical_size: i64,
    /// How the branch was created, e.g. `console`.
    pub creation_source: String,
    /// Whether this is the project's default branch.
    pub default: bool,
    /// Whether the branch is protected.
    pub protected: bool,
    /// Deprecated CPU seconds counter.
    pub cpu_used_sec: i64,
    /// Compute seconds.
    pub compute_time_seconds: i64,
    /// Active seconds.
    pub active_time_seconds: i64,
    /// Bytes written.
    pub written_data_bytes: i64,
    /// Bytes transferred.
    pub data_transfer_bytes: i64,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update time (RFC 3339).
    pub updated_at: String,
    /// How the branch data was initialized, e.g. `parent-data`.
    pub init_source: String,
}

/// Field a branch listing is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// By name.
    Name,
    /// By creation time.
    CreatedAt,
    /// By last update time (the default).
    UpdatedAt,
}

impl SortBy {
    /// Parses the `sort_by` query value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "name" => Some(SortBy::Name),
            "created_at" => Some(SortBy::CreatedAt),
            "updated_at" => Some(SortBy::UpdatedAt),
            _ => None,
        }
    }

    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Name => "name",
            SortBy::CreatedAt => "created_at",
            SortBy::UpdatedAt => "updated_at",
        }
    }

    fn key(self, branch: &Branch) -> &str {
        match self {
            SortBy::Name => &branch.name,
            SortBy::CreatedAt => &branch.created_at,
            SortBy::UpdatedAt => &branch.updated_at,
        }
    }
}

/// Direction of a branch listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    /// Ascending.
    Asc,
    /// Descending (the default).
    Desc,
}

impl SortOrder {
    /// Parses the `sort_order` query value.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "asc" => Some(SortOrder::Asc),
            "desc" => Some(SortOrder::Desc),
            _ => None,
        }
    }

    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            SortOrder::Asc => "asc",
            SortOrder::Desc => "desc",
        }
    }
}

/// Position after which a page starts, decoded from an opaque cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// Sort field the cursor was issued for.
    pub sort_by: SortBy,
    /// Direction the cursor was issued for.
    pub sort_order: SortOrder,
    /// Id of the last branch of the previous page.
    pub id: String,
    /// Sort key of that branch.
    pub key: String,
}

const CURSOR_VERSION: &str = "v1";

impl Cursor {
    /// The cursor that continues after `branch`.
    pub fn after(branch: &Branch, sort_by: SortBy, sort_order: SortOrder) -> Self {
        Cursor {
            sort_by,
            sort_order,
            id: branch.id.clone(),
            key: sort_by.key(branch).to_string(),
        }
    }

    /// The opaque text form (hex of `v1|sort_by|sort_order|id|key`).
    pub fn encode(&self) -> String {
        let plain = format!(
            "{CURSOR_VERSION}|{}|{}|{}|{}",
            self.sort_by.as_str(),
            self.sort_order.as_str(),
            self.id,
            self.key
        );
        plain.bytes().map(|b| format!("{b:02x}")).collect()
    }

    /// Parses [`Cursor::encode`] output; `None` for anything else.
    pub fn decode(text: &str) -> Option<Self> {
        if !text.len().is_multiple_of(2) || !text.is_ascii() {
            return None;
        }
        let bytes = (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let plain = String::from_utf8(bytes).ok()?;
        let mut parts = plain.splitn(5, '|');
        if parts.next()? != CURSOR_VERSION {
            return None;
        }
        Some(Cursor {
            sort_by: SortBy::parse(parts.next()?)?,
            sort_order: SortOrder::parse(parts.next()?)?,
            id: parts.next()?.to_string(),
            key: parts.next()?.to_string(),
        })
    }
}

/// Filters, order and paging for a branch listing. Values are validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BranchQuery {
    /// Case-insensitive substring of the name or id.
    pub search: Option<String>,
    /// Sort field.
    pub sort_by: SortBy,
    /// Sort direction.
    pub sort_order: SortOrder,
    /// Continue after this position.
    pub after: Option<Cursor>,
    /// Page size (at least 1).
    pub limit: usize,
}

/// One page of branches and the cursor of the next page, if any.
#[derive(Debug)]
pub struct BranchPage<'a> {
    /// The branches of this page, in order.
    pub branches: Vec<&'a Branch>,
    /// Opaque cursor of the next page; `None` on the last page.
    pub next: Option<String>,
}

/// The sort position of `branch`: its key, then its id as tie-breaker.
fn position(by: SortBy, branch: &Branch) -> (&str, &str) {
    (by.key(branch), &branch.id)
}

/// One page of `branches` (those of a single project) for `query`.
pub fn page<'a>(branches: impl IntoIterator<Item = &'a Branch>, query: &BranchQuery) -> BranchPage<'a> {
    let (by, order) = (query.sort_by, query.sort_order);
    let directed = |ordering: Ordering| match order {
        SortOrder::Asc => ordering,
        SortOrder::Desc => ordering.reverse(),
    };
    let mut selected: Vec<&Branch> = branches
        .into_iter()
        .filter(|b| {
            query
                .search
                .as_deref()
                .is_none_or(|s| matches_search(s, &b.name, &b.id))
        })
        .filter(|b| {
            query
                .after
                .as_ref()
                .is_none_or(|c| directed(position(by, b).cmp(&(c.key.as_str(), c.id.as_str()))) == Ordering::Greater)
        })
        .collect();
    selected.sort_by(|a, b| directed(position(by, a).cmp(&position(by, b))));
    let more = selected.len() > query.limit;
    selected.truncate(query.limit);
    let next = more
        .then(|| selected.last().map(|last| Cursor::after(last, by, order).encode()))
        .flatten();
    BranchPage {
        branches: selected,
        next,
    }
}

#[cfg(test)]
#[path = "branches_tests.rs"]
mod tests;
