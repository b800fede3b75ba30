//! Branches made from other branches (a test hook: neon-admin never creates branches). A child
//! inherits its parent's Neon Auth, as on the live API.

use crate::clock::now_rfc3339;
use crate::state::access::AccessError;
use crate::state::branch_auth::BranchRef;
use crate::state::branches::Branch;
use crate::state::State;

impl State {
    /// Creates branch `name` from `parent_id` in `project_id`; it is not the default branch and
    /// has its own id (`br-child-NNNNNN`).
    pub fn branch_from(&mut self, project_id: &str, parent_id: &str, name: &str) -> Result<Branch, AccessError> {
        let parent = self
            .branches
            .iter()
            .find(|b| b.project_id == project_id && b.id == parent_id)
            .ok_or(AccessError::BranchNotFound)?;
        let now = now_rfc3339();
        let child = Branch {
            id: format!("br-child-{:06}", self.branches.len() + 1),
            parent_id: Some(parent.id.clone()),
            name: name.to_string(),
            default: false,
            state_changed_at: now.clone(),
            created_at: now.clone(),
            updated_at: now,
            ..parent.clone()
        };
        self.branch_auth.inherit(
            BranchRef {
                project_id,
                branch_id: parent_id,
            },
            BranchRef {
                project_id,
                branch_id: &child.id,
            },
        );
        self.branches.push(child.clone());
        Ok(child)
    }
}
