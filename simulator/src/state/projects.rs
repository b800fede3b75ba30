//! Projects and the `GET /projects` listing (search, org filter, cursor).

use serde::Serialize;

/// A project, serialized as the spec's `ProjectListItem`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    /// Project id (`^[a-z0-9-]{1,60}$`).
    pub id: String,
    /// Cloud platform, e.g. `aws`.
    pub platform_id: String,
    /// Region, e.g. `aws-us-east-2`.
    pub region_id: String,
    /// Display name.
    pub name: String,
    /// Compute provisioner, e.g. `k8s-neonvm`.
    pub provisioner: String,
    /// Postgres major version.
    pub pg_version: u32,
    /// Host of the connection proxy.
    pub proxy_host: String,
    /// Logical size limit per branch, in MiB.
    pub branch_logical_size_limit: i64,
    /// Logical size limit per branch, in bytes.
    pub branch_logical_size_limit_bytes: i64,
    /// Whether role passwords are stored.
    pub store_passwords: bool,
    /// Seconds of compute activity.
    pub active_time: i64,
    /// Deprecated CPU seconds counter.
    pub cpu_used_sec: i64,
    /// How the project was created, e.g. `console`.
    pub creation_source: String,
    /// Creation time (RFC 3339).
    pub created_at: String,
    /// Last update time (RFC 3339).
    pub updated_at: String,
    /// Id of the owning user.
    pub owner_id: String,
    /// Organization the project belongs to.
    pub org_id: String,
}

/// Filters and paging for a project listing. Values are already validated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectQuery {
    /// Case-insensitive substring of the name or id.
    pub search: Option<String>,
    /// Only projects of this organization.
    pub org_id: Option<String>,
    /// Only projects whose id sorts after this one.
    pub cursor: Option<String>,
    /// Page size (at least 1).
    pub limit: usize,
}

/// True when `needle` (any case) occurs in `name` or `id`.
pub fn matches_search(needle: &str, name: &str, id: &str) -> bool {
    let needle = needle.to_lowercase();
    name.to_lowercase().contains(&needle) || id.to_lowercase().contains(&needle)
}

/// One page of `projects` (already restricted to what the caller may see),
/// sorted by id ascending.
pub fn page<'a>(projects: impl IntoIterator<Item = &'a Project>, query: &ProjectQuery) -> Vec<&'a Project> {
    let mut selected: Vec<&Project> = projects
        .into_iter()
        .filter(|p| query.org_id.as_deref().is_none_or(|org| p.org_id == org))
        .filter(|p| {
            query
                .search
                .as_deref()
                .is_none_or(|s| matches_search(s, &p.name, &p.id))
        })
        .filter(|p| query.cursor.as_deref().is_none_or(|c| p.id.as_str() > c))
        .collect();
    selected.sort_by(|a, b| a.id.cmp(&b.id));
    selected.truncate(query.limit);
    selected
}

#[cfg(test)]
#[path = "../../tests/unit/state_projects.rs"]
mod tests;
