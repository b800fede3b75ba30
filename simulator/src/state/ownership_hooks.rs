//! What the `/__sim` test hooks change that no API call can: another member joining the seeded
//! organization, and a key's creation time moved back (as a listing that lags behind, or a key
//! made on a server whose clock is ahead, would show it). Tests of "is this listed key mine?"
//! need both.

use super::{State, StateError, User, DEFAULT_SEED_ORG};
use crate::keys::{ApiKey, KeyScope};
use crate::token::random_token;
use std::time::Duration;

/// Name of the personal key each added member gets.
pub const MEMBER_KEY_NAME: &str = "member-seed";

impl State {
    /// Adds a user to the organizations of the seeded user, with a personal key; returns the
    /// user's ID and the key's token.
    pub fn add_org_member(&mut self) -> (String, String) {
        let number = self.users.len();
        let id = format!("22222222-2222-4333-8444-{number:012}");
        let org_ids = self
            .users
            .first()
            .map_or_else(|| vec![DEFAULT_SEED_ORG.to_string()], |u| u.org_ids.clone());
        self.users.push(User {
            id: id.clone(),
            name: format!("Sim Member {number}"),
            image: String::new(),
            org_ids,
        });
        let token = random_token();
        let scope = KeyScope::Personal { user_id: id.clone() };
        self.insert_key(MEMBER_KEY_NAME, token.clone(), scope, &id);
        (id, token)
    }

    /// Moves the creation time of key `key_id` `seconds` earlier.
    pub fn backdate_key(&mut self, key_id: u64, seconds: u64) -> Result<ApiKey, StateError> {
        let key = self
            .keys
            .iter_mut()
            .find(|k| k.id == key_id)
            .ok_or(StateError::KeyNotFound)?;
        let created = humantime::parse_rfc3339(&key.created_at).map_err(|_| StateError::KeyNotFound)?;
        let earlier = created
            .checked_sub(Duration::from_secs(seconds))
            .ok_or(StateError::Forbidden("that is before 1970"))?;
        key.created_at = humantime::format_rfc3339_seconds(earlier).to_string();
        Ok(key.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::SEED_USER_ID;

    #[test]
    fn a_member_creates_organization_keys_as_itself_and_keys_can_be_backdated() {
        let mut state = State::seeded("napi_seed_token_for_hooks", DEFAULT_SEED_ORG);
        let (member, token) = state.add_org_member();
        assert_ne!(member, SEED_USER_ID);
        let caller = state.authenticate(&token, "127.0.0.1").expect("the member's key works");
        let key = state
            .create_org_key(&caller, DEFAULT_SEED_ORG, "shared", None)
            .expect("a member reaches the organization");
        assert_eq!(key.created_by, member);
        assert_eq!(
            state.user(&member).map(|u| u.org_ids.clone()),
            Some(vec![DEFAULT_SEED_ORG.to_string()])
        );

        let created = humantime::parse_rfc3339(&key.created_at).unwrap();
        let moved = state.backdate_key(key.id, 120).unwrap();
        let earlier = humantime::parse_rfc3339(&moved.created_at).unwrap();
        assert_eq!(created.duration_since(earlier).unwrap(), Duration::from_secs(120));
        assert_eq!(state.backdate_key(999_999_999, 1).unwrap_err(), StateError::KeyNotFound);
    }
}
