//! The main window's capability grants the page exactly the app commands `ui/src/api` invokes.
//!
//! `build.rs` already stops the build when its command list and `generate_handler!` differ,
//! and Tauri's build refuses a capability naming a permission that does not exist. What is
//! left to check is the other side: a command the UI calls but the capability forgets fails
//! only at run time, and one granted but never called is an opening nobody uses.

use std::collections::BTreeSet;
use std::path::Path;

fn repository_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path);
    std::fs::read_to_string(&full)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", full.display()))
}

fn capability() -> serde_json::Value {
    serde_json::from_str(&repository_file("src-tauri/capabilities/main.json"))
        .expect("capabilities/main.json is JSON")
}

fn granted_permissions() -> Vec<String> {
    capability()["permissions"]
        .as_array()
        .expect("the capability lists permissions")
        .iter()
        .map(|permission| {
            permission
                .as_str()
                .expect("each permission is a plain identifier, with no scope")
                .to_owned()
        })
        .collect()
}

/// The command names in `invoke('name'` or `invoke<Type>('name'` calls.
fn commands_the_ui_invokes() -> BTreeSet<String> {
    let source = repository_file("ui/src/api/index.ts");
    source
        .split("invoke")
        .skip(1)
        .filter_map(|call| {
            let call = match call.strip_prefix('<') {
                // Skip the type argument, which may itself hold `<...>`.
                Some(rest) => &rest[rest.find(">('")? + 1..],
                None => call,
            };
            let name = call.strip_prefix("('")?;
            Some(name[..name.find('\'')?].to_owned())
        })
        .collect()
}

#[test]
fn the_capability_grants_exactly_the_app_commands_the_ui_invokes() {
    let granted: BTreeSet<String> = granted_permissions()
        .iter()
        .filter(|permission| !permission.contains(':'))
        .map(|permission| {
            permission
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{permission} is not an allow- permission"))
                .replace('-', "_")
        })
        .collect();
    let invoked = commands_the_ui_invokes();

    assert!(invoked.len() > 40, "only {} invokes found", invoked.len());
    let not_granted: Vec<_> = invoked.difference(&granted).collect();
    let never_invoked: Vec<_> = granted.difference(&invoked).collect();
    assert!(
        not_granted.is_empty() && never_invoked.is_empty(),
        "grant {not_granted:?} in capabilities/main.json; revoke {never_invoked:?}, which the UI \
         never calls"
    );
}

#[test]
fn the_capability_holds_the_main_window_and_only_the_event_listener_of_the_core() {
    assert_eq!(capability()["windows"], serde_json::json!(["main"]));
    let core: Vec<String> = granted_permissions()
        .into_iter()
        .filter(|permission| permission.contains(':'))
        .collect();
    assert_eq!(
        core,
        ["core:event:allow-listen", "core:event:allow-unlisten"]
    );
}
