//! A fleet of preview branches for fleet-wide `apply` (`--preview-branches N`): project
//! `proj-sim-fleet` with `main` and N branches `preview/pr-0001` … in four states, in turn: Neon
//! Auth off; on but partly configured; on and drifted; on and already matching [`FLEET_DOMAIN`]
//! with webhooks to [`FLEET_WEBHOOK_URL`].

use crate::state::branch_auth::settings::{AuthProvider, WebhookConfig};
use crate::state::branch_auth::BranchRef;
use crate::state::seed;
use crate::state::State;

/// The fleet's project.
pub const FLEET_PROJECT: &str = "proj-sim-fleet";
/// The trusted domain the matching branches have.
pub const FLEET_DOMAIN: &str = "https://preview.example.com";
/// The webhook URL the matching branches have.
pub const FLEET_WEBHOOK_URL: &str = "https://hooks.example.com/neon";

/// The state a fleet branch starts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FleetState {
    /// Neon Auth is off.
    Off,
    /// On, with the domain but webhooks off.
    Partial,
    /// On, with another domain and webhooks to another URL.
    Drifted,
    /// On, with the domain and webhooks as wanted.
    Matching,
}

/// The state of fleet branch number `n` (from 1).
pub fn fleet_state(n: usize) -> FleetState {
    [
        FleetState::Off,
        FleetState::Partial,
        FleetState::Drifted,
        FleetState::Matching,
    ][(n - 1) % 4]
}

fn webhooks(url: &str) -> WebhookConfig {
    WebhookConfig {
        enabled: true,
        webhook_url: Some(url.to_string()),
        enabled_events: Some(vec!["user.created".to_string()]),
        timeout_seconds: Some(5),
    }
}

impl State {
    /// Adds the fleet project with `count` preview branches (none when 0).
    pub fn seed_fleet(&mut self, count: usize) {
        if count == 0 {
            return;
        }
        let (org_id, owner_id) = {
            let alpha = &self.projects[0];
            (alpha.org_id.clone(), alpha.owner_id.clone())
        };
        self.projects
            .push(seed::project(FLEET_PROJECT, "fleet", 50, &org_id, &owner_id));
        let main = "br-fleet-main";
        self.branches
            .push(seed::branch(FLEET_PROJECT, main, "main", None, 1000));
        for n in 1..=count {
            let id = format!("br-fleet-{n:05}");
            let name = format!("preview/pr-{n:04}");
            self.branches
                .push(seed::branch(FLEET_PROJECT, &id, &name, Some(main), 1000 + n as i64));
            let state = fleet_state(n);
            if state == FleetState::Off {
                continue;
            }
            let at = BranchRef {
                project_id: FLEET_PROJECT,
                branch_id: &id,
            };
            let provider = AuthProvider::BetterAuth;
            let _ = self.branch_auth.enable(at, provider, None);
            let Ok(settings) = self.branch_auth.settings_mut(at) else {
                continue;
            };
            match state {
                FleetState::Partial => {
                    let _ = settings.add_domain(FLEET_DOMAIN, provider);
                }
                FleetState::Drifted => {
                    let _ = settings.add_domain("https://old.example.com", provider);
                    settings.webhooks = webhooks("https://hooks.example.com/old");
                }
                _ => {
                    let _ = settings.add_domain(FLEET_DOMAIN, provider);
                    settings.webhooks = webhooks(FLEET_WEBHOOK_URL);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_the_four_states_in_turn() {
        let mut state = State::seeded("seed_tok", "org-sim-000001");
        state.seed_fleet(8);
        let on: Vec<bool> = (1..=8)
            .map(|n| {
                let id = format!("br-fleet-{n:05}");
                let at = BranchRef {
                    project_id: FLEET_PROJECT,
                    branch_id: &id,
                };
                state.branch_auth.settings(at).is_ok()
            })
            .collect();
        assert_eq!(on, [false, true, true, true, false, true, true, true]);
        assert_eq!(fleet_state(4), FleetState::Matching);
        assert_eq!(fleet_state(7), FleetState::Drifted);
    }
}
