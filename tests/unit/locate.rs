use super::*;

#[test]
fn paths_resolve_like_node() {
    assert_eq!(normalize("/a/./b//c/../d/"), "/a/b/d");
    assert_eq!(parent("/a/b/profiles.json"), "/a/b");
    assert_eq!(parent("/profiles.json"), "/");
    assert!(is_absolute("C:\\x") && is_absolute("/x") && !is_absolute("x/y"));
    assert!(valid_name("a.b-c_1") && !valid_name(".a") && !valid_name("") && !valid_name("a b"));
    assert!(valid_name(&"x".repeat(300)));
}
