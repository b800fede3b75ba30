//! Unit tests for branch listing.

use super::*;
use crate::state::seed;

fn alpha() -> Vec<Branch> {
    seed::branches()
        .into_iter()
        .filter(|b| b.project_id == seed::ALPHA_PROJECT)
        .collect()
}

fn query(sort_by: SortBy, sort_order: SortOrder, limit: usize) -> BranchQuery {
    BranchQuery {
        search: None,
        sort_by,
        sort_order,
        after: None,
        limit,
    }
}

/// Follows `next` cursors until the last page; returns every page's ids.
fn walk(branches: &[Branch], first: BranchQuery) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut q = first;
    loop {
        let page = page(branches, &q);
        pages.push(page.branches.iter().map(|b| b.id.clone()).collect());
        match page.next {
            Some(next) => q.after = Some(Cursor::decode(&next).expect("own cursor decodes")),
            None => return pages,
        }
    }
}

#[test]
fn default_order_pages_through_everything_once() {
    let branches = alpha();
    let pages = walk(&branches, query(SortBy::UpdatedAt, SortOrder::Desc, 10));
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![10, 10, 5]);
    assert_eq!(pages[0][0], "br-filler-020", "most recently updated first");
    assert_eq!(pages[2].last().unwrap(), "br-main-000001");
    let mut all: Vec<String> = pages.concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 25);
}

#[test]
fn exact_multiple_of_the_limit_has_no_dangling_next() {
    let branches = alpha();
    let pages = walk(&branches, query(SortBy::CreatedAt, SortOrder::Asc, 5));
    assert_eq!(pages.len(), 5);
    assert!(pages.iter().all(|p| p.len() == 5));
}

#[test]
fn name_sort_breaks_ties_by_id() {
    let branches = alpha();
    let asc = page(&branches, &query(SortBy::Name, SortOrder::Asc, 3));
    let ids: Vec<&str> = asc.branches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, vec!["br-dup-000001", "br-dup-000002", "br-filler-001"]);
    // A cursor between the two `dup` branches continues with the second.
    let first = page(&branches, &query(SortBy::Name, SortOrder::Asc, 1));
    let mut q = query(SortBy::Name, SortOrder::Asc, 1);
    q.after = Cursor::decode(first.next.as_deref().unwrap());
    assert_eq!(page(&branches, &q).branches[0].id, "br-dup-000002");
    let desc = page(&branches, &query(SortBy::Name, SortOrder::Desc, 2));
    let ids: Vec<&str> = desc.branches.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, vec!["br-preview-b-0001", "br-preview-a-0001"]);
}

#[test]
fn search_matches_name_or_id_ignoring_case() {
    let branches = alpha();
    let mut q = query(SortBy::Name, SortOrder::Asc, 100);
    q.search = Some("PREVIEW/".into());
    assert_eq!(page(&branches, &q).branches.len(), 2);
    q.search = Some("dup-00000".into());
    assert_eq!(page(&branches, &q).branches.len(), 2);
    q.search = Some("nothing-like-this".into());
    let empty = page(&branches, &q);
    assert!(empty.branches.is_empty() && empty.next.is_none());
}

#[test]
fn cursors_roundtrip_and_reject_garbage() {
    let b = &alpha()[1];
    let c = Cursor::after(b, SortBy::Name, SortOrder::Desc);
    assert_eq!(c.key, "preview/feature-a");
    let text = c.encode();
    assert!(text.bytes().all(|x| x.is_ascii_hexdigit()));
    assert_eq!(Cursor::decode(&text), Some(c));
    for bad in ["", "zz", "abc", "76327c6e616d65", "br-main-000001"] {
        assert_eq!(Cursor::decode(bad), None, "{bad}");
    }
}
