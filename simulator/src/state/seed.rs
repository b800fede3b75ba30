//! The fixed projects and branches every simulator starts with.
//!
//! Timestamps are fixed too (counted from 2025-01-01T00:00:00Z) so that
//! listings sorted by time are the same on every run.

use crate::clock::format_unix_seconds;
use crate::state::branches::Branch;
use crate::state::projects::Project;

/// 2025-01-01T00:00:00Z.
const EPOCH_2025: i64 = 1_735_689_600;
/// Number of filler projects (`proj-sim-filler-01` …).
pub const FILLER_PROJECTS: usize = 10;
/// Number of filler branches in `proj-sim-alpha` (`br-filler-001` …).
pub const FILLER_BRANCHES: usize = 20;
/// Id of the first seeded project.
pub const ALPHA_PROJECT: &str = "proj-sim-alpha";
/// Id of the second seeded project.
pub const BETA_PROJECT: &str = "proj-sim-beta";
/// Default branch of [`ALPHA_PROJECT`].
pub const ALPHA_MAIN_BRANCH: &str = "br-main-000001";

pub(crate) fn project(id: &str, name: &str, index: i64, org_id: &str, owner_id: &str) -> Project {
    let created = EPOCH_2025 + index * 3_600;
    Project {
        id: id.to_string(),
        platform_id: "aws".to_string(),
        region_id: "aws-us-east-2".to_string(),
        name: name.to_string(),
        provisioner: "k8s-neonvm".to_string(),
        pg_version: 17,
        proxy_host: "us-east-2.aws.neon.tech".to_string(),
        branch_logical_size_limit: 512,
        branch_logical_size_limit_bytes: 512 * 1024 * 1024,
        store_passwords: true,
        active_time: 0,
        cpu_used_sec: 0,
        creation_source: "console".to_string(),
        created_at: format_unix_seconds(created),
        updated_at: format_unix_seconds(created + 60),
        owner_id: owner_id.to_string(),
        org_id: org_id.to_string(),
    }
}

/// The seeded projects of organization `org_id`, owned by `owner_id`.
pub fn projects(org_id: &str, owner_id: &str) -> Vec<Project> {
    let mut all = vec![
        project(ALPHA_PROJECT, "alpha", 0, org_id, owner_id),
        project(BETA_PROJECT, "beta", 1, org_id, owner_id),
    ];
    for n in 1..=FILLER_PROJECTS {
        let id = format!("proj-sim-filler-{n:02}");
        all.push(project(&id, &format!("filler-{n:02}"), 1 + n as i64, org_id, owner_id));
    }
    all
}

/// `minute` orders branches in time: created then, updated a second later.
pub(crate) fn branch(project_id: &str, id: &str, name: &str, parent_id: Option<&str>, minute: i64) -> Branch {
    let created = EPOCH_2025 + 86_400 + minute * 60;
    Branch {
        id: id.to_string(),
        project_id: project_id.to_string(),
        parent_id: parent_id.map(str::to_string),
        name: name.to_string(),
        current_state: "ready".to_string(),
        state_changed_at: format_unix_seconds(created + 1),
        logical_size: 0,
        creation_source: "console".to_string(),
        default: parent_id.is_none(),
        protected: false,
        cpu_used_sec: 0,
        compute_time_seconds: 0,
        active_time_seconds: 0,
        written_data_bytes: 0,
        data_transfer_bytes: 0,
        created_at: format_unix_seconds(created),
        updated_at: format_unix_seconds(created + 1),
        init_source: "parent-data".to_string(),
    }
}

/// Branch id of the `main` branch of a filler project: `br-filler-NN-main`.
pub fn filler_main_branch(project_id: &str) -> String {
    let suffix = project_id.strip_prefix("proj-sim-").unwrap_or(project_id);
    format!("br-{suffix}-main")
}

/// The seeded branches of every seeded project.
pub fn branches() -> Vec<Branch> {
    let alpha = ALPHA_PROJECT;
    let main = Some(ALPHA_MAIN_BRANCH);
    let mut all = vec![
        branch(alpha, ALPHA_MAIN_BRANCH, "main", None, 0),
        branch(alpha, "br-preview-a-0001", "preview/feature-a", main, 1),
        branch(alpha, "br-preview-b-0001", "preview/feature-b", main, 2),
        branch(alpha, "br-dup-000001", "dup", main, 3),
        branch(alpha, "br-dup-000002", "dup", main, 4),
    ];
    for n in 1..=FILLER_BRANCHES {
        let (id, name) = (format!("br-filler-{n:03}"), format!("filler-{n:03}"));
        all.push(branch(alpha, &id, &name, main, 4 + n as i64));
    }
    all.push(branch(BETA_PROJECT, "br-beta-main-01", "main", None, 100));
    let (console, console_name) = (super::console::CONSOLE_BRANCH, super::console::CONSOLE_BRANCH_NAME);
    all.push(branch(
        BETA_PROJECT,
        console,
        console_name,
        Some("br-beta-main-01"),
        200,
    ));
    for n in 1..=FILLER_PROJECTS {
        let project_id = format!("proj-sim-filler-{n:02}");
        let id = filler_main_branch(&project_id);
        all.push(branch(&project_id, &id, "main", None, 100 + n as i64));
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::is_valid_slug;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_match_the_pattern() {
        let projects = projects("org-sim-000001", "u");
        let branches = branches();
        let project_ids: HashSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();
        let branch_ids: HashSet<&str> = branches.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(project_ids.len(), 12);
        assert_eq!(branch_ids.len(), branches.len());
        assert!(project_ids.iter().chain(branch_ids.iter()).all(|id| is_valid_slug(id)));
        assert!(branches.iter().all(|b| project_ids.contains(b.project_id.as_str())));
    }

    #[test]
    fn every_project_has_one_default_branch() {
        let branches = branches();
        for p in projects("o", "u") {
            let defaults: Vec<&Branch> = branches.iter().filter(|b| b.project_id == p.id && b.default).collect();
            assert_eq!(defaults.len(), 1, "{}", p.id);
            assert_eq!(defaults[0].name, "main");
        }
        assert_eq!(branches.iter().filter(|b| b.project_id == ALPHA_PROJECT).count(), 25);
        assert!(branches.iter().any(|b| b.id == "br-filler-07-main"));
    }
}
