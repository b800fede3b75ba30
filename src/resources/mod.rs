//! The API's resources, each module declaring its operations (see [`crate::operations`]): who the
//! key belongs to, API keys, projects and branches, Neon Auth on a branch, and a branch's
//! credentials.

pub mod account;
pub mod api_keys;
pub mod branch_auth;
pub mod branch_credentials;
pub mod branch_lookup;
pub mod projects;

/// `template` (below the API base, with `{project_id}` and `{branch_id}`) filled in for one branch
/// given by ID: the prefix of the operations of a branch's sub-resource.
pub(crate) fn branch_path(template: &str, project_id: &str, branch_id: &str) -> crate::error::Result<String> {
    use crate::validate;
    validate::resource_id("projectId", project_id)?;
    validate::resource_id("branchId", branch_id)?;
    let params = [
        validate::segment("projectId", project_id)?,
        validate::segment("branchId", branch_id)?,
    ];
    Ok(crate::operations::fill(
        "",
        template,
        &params.each_ref().map(String::as_str),
    ))
}
