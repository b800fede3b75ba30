//! `GET /projects` and `GET /projects/{project_id}/branches` over HTTP.

mod common;

use common::{call, call_as, sim};
use neon_admin_simulator::Handle;
use serde_json::{json, Value};

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

/// Follows `pagination.cursor` and returns the ids of every page.
fn project_pages(sim: &Handle, token: &str, params: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!("/api/v2/projects?{params}");
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let r = call_as(sim, token, "GET", &path, None);
        assert_eq!(r.status, 200, "{}", r.body);
        let page = ids(&r.body["projects"]);
        if page.is_empty() {
            assert!(r.body.get("pagination").is_none());
            return pages;
        }
        assert_eq!(r.body["pagination"]["cursor"], json!(page.last().unwrap()));
        cursor = Some(page.last().unwrap().clone());
        pages.push(page);
    }
}

#[test]
fn projects_page_by_id_with_the_default_limit() {
    let sim = sim();
    let first = call(&sim, "GET", "/api/v2/projects", None);
    assert_eq!(first.status, 200);
    let page = ids(&first.body["projects"]);
    assert_eq!(page.len(), 10);
    assert_eq!(&page[..2], ["proj-sim-alpha", "proj-sim-beta"]);
    assert_eq!(first.body["applications"], json!({}));
    assert_eq!(first.body["integrations"], json!({}));
    let alpha = &first.body["projects"][0];
    for field in [
        "active_time",
        "platform_id",
        "region_id",
        "name",
        "pg_version",
        "proxy_host",
        "branch_logical_size_limit",
        "branch_logical_size_limit_bytes",
        "provisioner",
        "store_passwords",
        "cpu_used_sec",
        "creation_source",
        "created_at",
        "updated_at",
        "owner_id",
    ] {
        assert!(alpha.get(field).is_some(), "missing {field}");
    }
    assert_eq!(alpha["name"], json!("alpha"));
    assert_eq!(alpha["region_id"], json!("aws-us-east-2"));
    assert_eq!(alpha["pg_version"], json!(17));
    assert_eq!(alpha["org_id"], json!("org-sim-000001"));

    let pages = project_pages(&sim, common::SEED, "");
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![10, 2]);
    let pages = project_pages(&sim, common::SEED, "limit=5");
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 5, 2]);
    assert_eq!(pages[2], vec!["proj-sim-filler-09", "proj-sim-filler-10"]);
}

#[test]
fn projects_search_org_filter_and_bad_limits() {
    let sim = sim();
    let found = call(&sim, "GET", "/api/v2/projects?search=BET", None);
    assert_eq!(ids(&found.body["projects"]), vec!["proj-sim-beta"]);
    let by_org = call(&sim, "GET", "/api/v2/projects?org_id=org-sim-000001&limit=400", None);
    assert_eq!(by_org.body["projects"].as_array().unwrap().len(), 12);
    let other_org = call(&sim, "GET", "/api/v2/projects?org_id=org-other", None);
    assert_eq!(other_org.body["projects"], json!([]));
    for bad in ["limit=0", "limit=401", "limit=abc", "limit=-1", "limit=1.5"] {
        let r = call(&sim, "GET", &format!("/api/v2/projects?{bad}"), None);
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.message().contains("limit"), "{}", r.message());
    }
    assert_eq!(call(&sim, "GET", "/api/v2/projects?org_id=Bad_Org", None).status, 400);
}

#[test]
fn branches_page_with_next_cursors() {
    let sim = sim();
    let base = "/api/v2/projects/proj-sim-alpha/branches";
    let first = call(&sim, "GET", base, None);
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["annotations"], json!({}));
    assert_eq!(first.body["pagination"]["sort_by"], json!("updated_at"));
    assert_eq!(first.body["pagination"]["sort_order"], json!("desc"));
    let branch = &first.body["branches"][0];
    for field in [
        "id",
        "project_id",
        "name",
        "current_state",
        "state_changed_at",
        "creation_source",
        "created_at",
        "updated_at",
        "default",
        "protected",
        "cpu_used_sec",
        "active_time_seconds",
        "compute_time_seconds",
        "written_data_bytes",
        "data_transfer_bytes",
    ] {
        assert!(branch.get(field).is_some(), "missing {field}");
    }

    let mut seen = Vec::new();
    let mut sizes = Vec::new();
    let mut path = base.to_string();
    loop {
        let r = call(&sim, "GET", &path, None);
        assert_eq!(r.status, 200, "{}", r.body);
        let page = ids(&r.body["branches"]);
        sizes.push(page.len());
        seen.extend(page);
        match r.body["pagination"]["next"].as_str() {
            Some(next) => path = format!("{base}?cursor={next}"),
            None => break,
        }
    }
    assert_eq!(sizes, vec![10, 10, 5]);
    assert_eq!(seen.last().unwrap(), "br-main-000001");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 25);

    let by_name = call(
        &sim,
        "GET",
        &format!("{base}?sort_by=name&sort_order=asc&limit=2"),
        None,
    );
    assert_eq!(ids(&by_name.body["branches"]), vec!["br-dup-000001", "br-dup-000002"]);
    let next = by_name.body["pagination"]["next"].as_str().unwrap().to_string();
    let second = call(
        &sim,
        "GET",
        &format!("{base}?sort_by=name&sort_order=asc&limit=2&cursor={next}"),
        None,
    );
    assert_eq!(ids(&second.body["branches"]), vec!["br-filler-001", "br-filler-002"]);
    let mismatch = call(&sim, "GET", &format!("{base}?sort_by=created_at&cursor={next}"), None);
    assert_eq!(mismatch.status, 400);
}

#[test]
fn branches_search_and_errors() {
    let sim = sim();
    let base = "/api/v2/projects/proj-sim-alpha/branches";
    let previews = call(&sim, "GET", &format!("{base}?search=Preview%2F"), None);
    let mut found = ids(&previews.body["branches"]);
    found.sort();
    assert_eq!(found, vec!["br-preview-a-0001", "br-preview-b-0001"]);
    assert!(previews.body["pagination"].get("next").is_none());
    let dups = call(&sim, "GET", &format!("{base}?search=dup"), None);
    assert_eq!(dups.body["branches"].as_array().unwrap().len(), 2);

    let beta = call(&sim, "GET", "/api/v2/projects/proj-sim-beta/branches", None);
    // Newest first: the Console-style branch, then main.
    assert_eq!(
        ids(&beta.body["branches"]),
        vec!["br-beta-console-01", "br-beta-main-01"]
    );
    let filler = call(&sim, "GET", "/api/v2/projects/proj-sim-filler-03/branches", None);
    assert_eq!(ids(&filler.body["branches"]), vec!["br-filler-03-main"]);

    for (query, param) in [
        ("limit=0", "limit"),
        ("limit=10001", "limit"),
        ("sort_by=size", "sort_by"),
        ("sort_order=up", "sort_order"),
        ("cursor=not-a-cursor", "cursor"),
    ] {
        let r = call(&sim, "GET", &format!("{base}?{query}"), None);
        assert_eq!(r.status, 400, "{query}");
        assert!(r.message().contains(param), "{}", r.message());
    }
    let unknown = call(&sim, "GET", "/api/v2/projects/proj-nope/branches", None);
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.body["code"], json!(""));
}

#[test]
fn project_scoped_key_reaches_only_its_project() {
    let sim = sim();
    let created = call(
        &sim,
        "POST",
        "/api/v2/organizations/org-sim-000001/api_keys",
        Some(r#"{"key_name":"beta-only","project_id":"proj-sim-beta"}"#),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let scoped = created.body["key"].as_str().unwrap().to_string();

    let listed = call_as(&sim, &scoped, "GET", "/api/v2/projects", None);
    assert_eq!(ids(&listed.body["projects"]), vec!["proj-sim-beta"]);
    let own = call_as(&sim, &scoped, "GET", "/api/v2/projects/proj-sim-beta/branches", None);
    assert_eq!(own.status, 200);

    let other = call_as(&sim, &scoped, "GET", "/api/v2/projects/proj-sim-alpha/branches", None);
    assert_eq!(other.status, 403);
    assert_eq!(other.body["code"], json!(""));
    assert_eq!(other.message(), "this API key cannot access project proj-sim-alpha");
    assert_eq!(other.body["request_id"], json!(other.header("X-Request-ID").unwrap()));
    let auth = call_as(
        &sim,
        &scoped,
        "GET",
        "/api/v2/projects/proj-sim-alpha/branches/br-main-000001/auth",
        None,
    );
    assert_eq!(auth.status, 403);

    // An unrestricted org key sees everything.
    let wide = call(
        &sim,
        "POST",
        "/api/v2/organizations/org-sim-000001/api_keys",
        Some(r#"{"key_name":"wide"}"#),
    );
    let wide = wide.body["key"].as_str().unwrap().to_string();
    let all = call_as(&sim, &wide, "GET", "/api/v2/projects?limit=100", None);
    assert_eq!(all.body["projects"].as_array().unwrap().len(), 12);
}
