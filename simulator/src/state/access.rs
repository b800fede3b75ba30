//! Which projects and branches a caller may reach.

use crate::keys::Principal;
use crate::state::branches::Branch;
use crate::state::projects::Project;
use crate::state::State;

/// Why a project or branch is out of the caller's reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessError {
    /// A project-scoped key asked for another project (403).
    ProjectForbidden(String),
    /// No such project within the caller's organizations (404).
    ProjectNotFound,
    /// No such branch in the project (404).
    BranchNotFound,
}

impl State {
    /// True when the caller may see `project`: its key reaches the project's
    /// organization and, for a project-scoped key, it is that project.
    pub fn reaches_project(&self, caller: &Principal, project: &Project) -> bool {
        self.scope_reaches_org(&caller.scope, &project.org_id)
            && caller.scope.project_id().is_none_or(|own| own == project.id)
    }

    /// The projects the caller may see, in seed order.
    pub fn visible_projects<'a>(&'a self, caller: &'a Principal) -> impl Iterator<Item = &'a Project> + 'a {
        self.projects.iter().filter(move |p| self.reaches_project(caller, p))
    }

    /// The project `project_id`, if the caller may reach it. A project-scoped
    /// key gets [`AccessError::ProjectForbidden`] for any other project id.
    pub fn project_for(&self, caller: &Principal, project_id: &str) -> Result<&Project, AccessError> {
        if caller.scope.project_id().is_some_and(|own| own != project_id) {
            return Err(AccessError::ProjectForbidden(project_id.to_string()));
        }
        self.projects
            .iter()
            .find(|p| p.id == project_id && self.reaches_project(caller, p))
            .ok_or(AccessError::ProjectNotFound)
    }

    /// Branches of a reachable project, in seed order.
    pub fn branches_for(&self, caller: &Principal, project_id: &str) -> Result<Vec<&Branch>, AccessError> {
        let project = self.project_for(caller, project_id)?;
        Ok(self.branches.iter().filter(|b| b.project_id == project.id).collect())
    }

    /// The branch `branch_id` of a reachable project.
    pub fn branch_for(&self, caller: &Principal, project_id: &str, branch_id: &str) -> Result<&Branch, AccessError> {
        self.branches_for(caller, project_id)?
            .into_iter()
            .find(|b| b.id == branch_id)
            .ok_or(AccessError::BranchNotFound)
    }
}
