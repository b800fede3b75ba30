//! Unit tests of the simulator's `state::projects` module, compiled as its child `tests` module.

use super::*;
use crate::state::seed;

fn ids(page: &[&Project]) -> Vec<String> {
    page.iter().map(|p| p.id.clone()).collect()
}

fn query(limit: usize) -> ProjectQuery {
    ProjectQuery {
        limit,
        ..ProjectQuery::default()
    }
}

#[test]
fn pages_follow_the_cursor() {
    let all = seed::projects("org-a", "user-1");
    assert_eq!(all.len(), 12);
    let first = page(&all, &query(10));
    assert_eq!(first.len(), 10);
    assert_eq!(first[0].id, "proj-sim-alpha");
    assert_eq!(first[1].id, "proj-sim-beta");
    let second = page(
        &all,
        &ProjectQuery {
            cursor: Some(first[9].id.clone()),
            ..query(10)
        },
    );
    assert_eq!(ids(&second), vec!["proj-sim-filler-09", "proj-sim-filler-10"]);
}

#[test]
fn search_and_org_filter() {
    let all = seed::projects("org-a", "user-1");
    let found = page(
        &all,
        &ProjectQuery {
            search: Some("ALPH".into()),
            ..query(10)
        },
    );
    assert_eq!(ids(&found), vec!["proj-sim-alpha"]);
    let by_id = page(
        &all,
        &ProjectQuery {
            search: Some("filler-1".into()),
            ..query(10)
        },
    );
    assert_eq!(ids(&by_id), vec!["proj-sim-filler-10"]);
    let other_org = page(
        &all,
        &ProjectQuery {
            org_id: Some("org-b".into()),
            ..query(10)
        },
    );
    assert!(other_org.is_empty());
}
