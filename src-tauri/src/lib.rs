//! Terrain's desktop shell. It opens the director's workspace, hands it to the Tauri commands
//! as managed state and closes it on exit; everything the app does is a use case in the
//! `terrain` crate, reached through the thin commands in [`commands`].

mod commands;
mod files;
mod idle;
mod limits;
mod logging;
mod startup;

use std::sync::Arc;

use tauri::{Manager, RunEvent};
use terrain::Workspace;

/// Builds and runs the app until its last window closes.
pub fn run() {
    let activity = Arc::new(idle::Activity::default());
    let handler: fn(tauri::ipc::Invoke) -> bool = tauri::generate_handler![
        commands::workspace::workspace_summary,
        commands::backups::workspace_health,
        commands::backups::list_backups,
        commands::backups::back_up_now,
        commands::backups::restore_backup,
        commands::files::pick_import_files,
        commands::files::inspect_import,
        commands::files::preview_import,
        commands::files::import_files,
        commands::files::cancel_import,
        commands::files::pick_export_path,
        commands::files::export_plan,
        commands::accounts::list_accounts,
        commands::merges::merge_proposals,
        commands::merges::merge_accounts,
        commands::merges::keep_apart,
        commands::territories::board,
        commands::territories::move_accounts,
        commands::territories::set_locked,
        commands::territories::undo,
        commands::territories::redo,
        commands::territories::replan,
        commands::planning::planning_form,
        commands::planning::save_planning_settings,
        commands::insights::metrics,
        commands::insights::chart,
        commands::insights::compare,
        commands::insights::pick_chart_path,
        commands::insights::save_chart,
        commands::insights::pick_folder,
        commands::insights::export_review_pack,
        commands::scoring::scoring_settings,
        commands::scoring::preview_scoring,
        commands::scoring::save_scoring_settings,
        commands::scoring::model_report,
        commands::scoring::score_history_chart,
        commands::review::daily_review,
        commands::review::apply_review,
        commands::review::audit_log,
        commands::review::audit_entry,
        commands::review::pick_audit_path,
        commands::review::export_audit_log,
        commands::realign::create_realignment,
        commands::realign::draft_comparison,
        commands::realign::activate_draft,
        commands::realign::discard_draft,
        commands::crm::crm_user_ids,
        commands::crm::save_crm_user_ids,
        commands::crm::pick_change_set_path,
        commands::crm::write_change_set,
    ];
    let touched = Arc::clone(&activity);
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(files::PickedPaths::default())
        .manage(commands::files::RunningImport::default())
        .manage(activity)
        .setup(|app| {
            let guard = logging::init(app.handle())?;
            // The guard flushes the log file's writer when dropped, so it lives as long as the app.
            app.manage(guard);

            let opened = tauri::async_runtime::block_on(startup::open_workspace(app.handle()));
            let workspace = match opened {
                Ok(workspace) => workspace,
                Err(error) => {
                    startup::refuse_to_start(app.handle(), error.as_ref());
                    return Ok(());
                }
            };
            app.manage(workspace);
            idle::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(move |invoke| {
            // Every command from the page is activity: the idle check waits for a pause.
            touched.touch();
            handler(invoke)
        })
        .build(tauri::generate_context!());

    let app = match app {
        Ok(app) => app,
        Err(error) => {
            // Logging may not be set up yet when start-up fails, so say it on stderr too.
            tracing::error!(%error, "terrain could not start");
            eprintln!("terrain could not start: {error}");
            std::process::exit(1);
        }
    };

    app.run(|app, event| {
        if let RunEvent::Exit = event {
            if let Some(workspace) = app.try_state::<Workspace>() {
                tauri::async_runtime::block_on(workspace.close());
                tracing::info!("workspace closed");
            }
        }
    });
}
