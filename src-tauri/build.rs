//! Tauri's build step, with the app's own commands put under its access control.
//!
//! Without an app manifest Tauri lets the page call every command in `generate_handler!`. Naming
//! them here gives each an `allow-<name>` permission instead, and the page may call only those
//! that `capabilities/main.json` grants. The list must name exactly the handler's commands: one
//! left out could never be granted, so the build compares the two and stops when they differ.

use std::collections::BTreeSet;

/// Every command registered in `generate_handler!` in `src/lib.rs`, in the same order.
const COMMANDS: &[&str] = &[
    "workspace_summary",
    "workspace_health",
    "list_backups",
    "back_up_now",
    "restore_backup",
    "pick_import_files",
    "inspect_import",
    "preview_import",
    "import_files",
    "cancel_import",
    "pick_export_path",
    "export_plan",
    "list_accounts",
    "merge_proposals",
    "merge_accounts",
    "keep_apart",
    "board",
    "move_accounts",
    "set_locked",
    "undo",
    "redo",
    "replan",
    "planning_form",
    "save_planning_settings",
    "metrics",
    "chart",
    "compare",
    "pick_chart_path",
    "save_chart",
    "pick_folder",
    "export_review_pack",
    "scoring_settings",
    "preview_scoring",
    "save_scoring_settings",
    "model_report",
    "score_history_chart",
    "daily_review",
    "apply_review",
    "audit_log",
    "audit_entry",
    "pick_audit_path",
    "export_audit_log",
    "create_realignment",
    "draft_comparison",
    "activate_draft",
    "discard_draft",
    "crm_user_ids",
    "save_crm_user_ids",
    "pick_change_set_path",
    "write_change_set",
];

const HANDLER_SOURCE: &str = "src/lib.rs";

fn main() {
    println!("cargo:rerun-if-changed={HANDLER_SOURCE}");
    if let Err(message) = check_commands_match_handler() {
        eprintln!("{message}");
        std::process::exit(1);
    }

    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        eprintln!("tauri build step failed: {error:#}");
        std::process::exit(1);
    }
}

/// Compares [`COMMANDS`] with the names in `generate_handler![...]`.
fn check_commands_match_handler() -> Result<(), String> {
    let source = std::fs::read_to_string(HANDLER_SOURCE)
        .map_err(|error| format!("cannot read {HANDLER_SOURCE}: {error}"))?;
    let start = source
        .find("generate_handler![")
        .ok_or_else(|| format!("{HANDLER_SOURCE} has no generate_handler![...]"))?;
    let body = &source[start + "generate_handler![".len()..];
    let end = body
        .find(']')
        .ok_or_else(|| format!("generate_handler![ in {HANDLER_SOURCE} is never closed"))?;
    let registered: BTreeSet<&str> = body[..end]
        .split(',')
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path))
        .collect();
    let listed: BTreeSet<&str> = COMMANDS.iter().copied().collect();

    let unlisted: Vec<_> = registered.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&registered).collect();
    let mut fixes = Vec::new();
    if !unlisted.is_empty() {
        fixes.push(format!(
            "add {unlisted:?} to COMMANDS, and grant them in capabilities/main.json if the page \
             calls them"
        ));
    }
    if !stale.is_empty() {
        fixes.push(format!("remove {stale:?} from COMMANDS"));
    }
    if fixes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the commands in src-tauri/build.rs differ from generate_handler! in {HANDLER_SOURCE}: {}",
        fixes.join("; ")
    ))
}
