//! Backups through the use cases: the copy an import takes first, listing, a copy made now,
//! restore, and the read-only state of a damaged workspace as the app sees it.

mod common;

use common::demo;
use terrain::views::{BackupKindName, ErrorCode, ImportInput, RestoreInput};
use terrain::Workspace;

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

fn accounts_file(dir: &tempfile::TempDir) -> ImportInput {
    ImportInput {
        paths: vec![write(
            dir,
            "new accounts.csv",
            "Account ID,Account Name,Industry\nN1,Northwind Backup Test,Retail\n\
             N2,Southwind Backup Test,Retail\n",
        )],
        ..Default::default()
    }
}

#[tokio::test]
async fn an_import_first_takes_a_backup_holding_the_workspace_as_it_was() {
    let (dir, workspace) = demo().await;
    let before = workspace.summary().await.expect("summary").accounts;

    workspace
        .import(&accounts_file(&dir))
        .await
        .expect("import");
    assert_eq!(
        workspace.summary().await.expect("summary").accounts,
        before + 2
    );

    let backups = workspace.backups().await.expect("list");
    let newest = backups.first().expect("a backup was taken");
    assert_eq!(newest.kind, BackupKindName::Import);
    assert_eq!(newest.reason, "before importing new_accounts.csv");
    assert!(
        newest.path.contains("demo.terrain-backups"),
        "{}",
        newest.path
    );
    let copy = Workspace::open(std::path::Path::new(&newest.path))
        .await
        .expect("the backup opens");
    assert_eq!(
        copy.summary().await.expect("summary").accounts,
        before,
        "the copy holds the workspace from before the import"
    );
    copy.close().await;
    workspace.close().await;
}

#[tokio::test]
async fn a_preview_takes_no_backup() {
    let (dir, workspace) = demo().await;
    let listed = workspace.backups().await.expect("list").len();
    workspace
        .preview_import(&accounts_file(&dir))
        .await
        .expect("preview");
    assert_eq!(workspace.backups().await.expect("list").len(), listed);
    workspace.close().await;
}

#[tokio::test]
async fn restoring_by_name_brings_the_state_back_and_keeps_the_replaced_one() {
    let (dir, workspace) = demo().await;
    let before = workspace.summary().await.expect("summary").accounts;
    let made = workspace.back_up_now().await.expect("backup");
    assert_eq!(made.kind, BackupKindName::Manual);
    workspace
        .import(&accounts_file(&dir))
        .await
        .expect("import");

    let restored = workspace
        .restore(&RestoreInput {
            backup: made.name.clone(),
        })
        .await
        .expect("restore");
    assert_eq!(restored.restored.path, made.path);
    assert_eq!(
        restored.replaced.expect("kept").kind,
        BackupKindName::Restore
    );
    assert_eq!(workspace.summary().await.expect("summary").accounts, before);
    workspace.close().await;
}

#[tokio::test]
async fn a_damaged_workspace_opens_read_only_and_refuses_writes_with_read_only() {
    let (dir, workspace) = demo().await;
    let good = workspace.back_up_now().await.expect("backup");
    let path = workspace.path().to_path_buf();
    workspace.close().await;

    // Flip the b-tree header of a page half-way through the file.
    let mut bytes = std::fs::read(&path).expect("read");
    let at = (bytes.len() / 4096 / 2) * 4096;
    for byte in &mut bytes[at..at + 12] {
        *byte ^= 0xa5;
    }
    std::fs::write(&path, &bytes).expect("damage");

    let workspace = Workspace::open(&path).await.expect("opens");
    let health = workspace.idle_check().await.expect("checked");
    assert!(health.damage.is_some(), "the idle check finds the damage");
    assert_eq!(health.latest_backup.expect("offered").path, good.path);

    let error = workspace
        .import(&accounts_file(&dir))
        .await
        .expect_err("refused");
    let payload = error.payload();
    assert!(
        matches!(payload.code, ErrorCode::Damaged | ErrorCode::ReadOnly),
        "{payload:?}"
    );
    assert!(payload.message.contains("restore"), "{}", payload.message);

    workspace
        .restore(&RestoreInput {
            backup: good.path.clone(),
        })
        .await
        .expect("restore");
    assert_eq!(workspace.health().await.expect("health").damage, None);
    workspace
        .import(&accounts_file(&dir))
        .await
        .expect("writes again after the restore");
    workspace.close().await;
}
