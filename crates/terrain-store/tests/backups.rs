//! Backups and damage, on workspace files in a temporary folder: copies are verified and
//! rolled, a restore brings a state back, and a damaged file is detected, opened read-only and
//! never written to, nor are its backups.

use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use terrain_core::records::AccountRecord;
use terrain_store::{
    list_backups, verify_backup, BackupKind, Error, ImportData, ImportFile, Store,
};

fn accounts(from: usize, count: usize) -> Vec<AccountRecord> {
    (from..from + count)
        .map(|i| AccountRecord {
            key: format!("A{i:05}"),
            name: format!("Account number {i} with a longer name to fill pages"),
            ..Default::default()
        })
        .collect()
}

async fn add_accounts(store: &Store, from: usize, count: usize) -> terrain_store::Result<()> {
    let records = accounts(from, count);
    let file = ImportFile {
        file: "accounts.csv",
        rows_read: 0,
        rejected: 0,
        rows: &[],
        data: ImportData::Accounts(&records),
    };
    store.import(&[file]).await.map(|_| ())
}

async fn account_count(store: &Store) -> i64 {
    store.counts().await.expect("counts")[1]
}

/// A workspace of 2,000 accounts (a few dozen pages) with one manual backup of it.
async fn workspace_with_a_backup(dir: &Path) -> (PathBuf, PathBuf) {
    let path = dir.join("west.terrain");
    let store = Store::open(&path).await.expect("create");
    add_accounts(&store, 0, 2_000).await.expect("import");
    let backup = store
        .back_up(BackupKind::Manual, None)
        .await
        .expect("backup")
        .expect("a file workspace is backed up");
    store.close().await;
    // What the tests damage must be the whole workspace, so the WAL is emptied into the file.
    // Closing does that when SQLite gets the file to itself, which a busy machine does not
    // always give it by then.
    let mut conn = SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .expect("connect");
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut conn)
        .await
        .expect("checkpoint");
    conn.close().await.expect("close");
    let wal = dir.join("west.terrain-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "a WAL with frames is left after the checkpoint"
    );
    (path, backup.path)
}

#[tokio::test]
async fn a_backup_is_verified_and_holds_the_state_it_was_taken_in() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = workspace_with_a_backup(dir.path()).await;
    assert!(backup.starts_with(dir.path().join("west.terrain-backups")));
    assert_eq!(verify_backup(&backup).await.expect("checked"), Ok(()));

    let copy = Store::open(&backup).await.expect("the copy opens");
    assert_eq!(account_count(&copy).await, 2_000);
    copy.close().await;
    let listed = list_backups(&path).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, BackupKind::Manual);
    assert_eq!(listed[0].reason(), "made by hand");
    assert!(listed[0].bytes > 4096, "{} bytes", listed[0].bytes);
}

#[tokio::test]
async fn rolling_keeps_the_newest_copies_of_each_kind() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("w.terrain");
    let store = Store::open(&path).await.expect("create");
    let daily = store
        .back_up(BackupKind::Daily, None)
        .await
        .expect("daily")
        .expect("made");
    let mut made = Vec::new();
    for n in 0..(BackupKind::Import.kept() + 3) {
        let detail = format!("file-{n}.csv");
        let backup = store
            .back_up(BackupKind::Import, Some(&detail))
            .await
            .expect("backup")
            .expect("made");
        made.push(backup.path);
    }
    store.close().await;

    let listed = list_backups(&path).expect("list");
    let imports: Vec<&PathBuf> = listed
        .iter()
        .filter(|b| b.kind == BackupKind::Import)
        .map(|b| &b.path)
        .collect();
    let newest: Vec<&PathBuf> = made.iter().rev().take(BackupKind::Import.kept()).collect();
    assert_eq!(imports, newest, "the newest five, newest first");
    assert!(!made[0].exists(), "the oldest copy was deleted");
    assert!(
        listed.iter().any(|b| b.path == daily.path),
        "a burst of imports does not push out the daily copy"
    );
    assert_eq!(
        listed[0].reason(),
        format!("before importing file-{}.csv", made.len() - 1)
    );
}

#[tokio::test]
async fn the_daily_copy_is_made_once_a_day() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("w.terrain"))
        .await
        .expect("create");
    let today = chrono::Local::now().date_naive();
    assert!(store
        .back_up_daily_if_due(today)
        .await
        .expect("first")
        .is_some());
    assert!(store
        .back_up_daily_if_due(today)
        .await
        .expect("second")
        .is_none());
    store.close().await;
}

#[tokio::test]
async fn a_restore_brings_the_backed_up_state_back_and_keeps_the_one_it_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = workspace_with_a_backup(dir.path()).await;
    let store = Store::open(&path).await.expect("open");
    add_accounts(&store, 2_000, 500).await.expect("more");
    assert_eq!(account_count(&store).await, 2_500);

    let kept = store
        .restore(&backup)
        .await
        .expect("restore")
        .expect("the replaced state is kept");
    assert_eq!(
        account_count(&store).await,
        2_000,
        "the backup's state is back"
    );
    assert_eq!(kept.kind, BackupKind::Restore);
    add_accounts(&store, 5_000, 1)
        .await
        .expect("the restored workspace takes writes");
    store.close().await;

    let replaced = Store::open(&kept.path).await.expect("the kept copy opens");
    assert_eq!(account_count(&replaced).await, 2_500);
    replaced.close().await;
    let reopened = Store::open(&path).await.expect("reopen");
    assert_eq!(
        account_count(&reopened).await,
        2_001,
        "the restore was durable"
    );
    reopened.close().await;
}

#[tokio::test]
async fn a_corrupt_backup_fails_verification_and_is_not_restored() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = workspace_with_a_backup(dir.path()).await;
    let mut bytes = std::fs::read(&backup).expect("read");
    let page = 4096;
    let root = page * 3;
    bytes[root..root + 8].fill(0xff);
    std::fs::write(&backup, &bytes).expect("corrupt the copy");

    let problem = verify_backup(&backup).await.expect("checked");
    assert!(problem.is_err(), "the corrupt copy fails its check");

    let store = Store::open(&path).await.expect("open");
    let before = std::fs::read(&path).expect("read");
    let error = store.restore(&backup).await.expect_err("refused");
    assert!(matches!(error, Error::BadBackup { .. }), "{error:?}");
    assert!(error.to_string().contains("pick another backup"), "{error}");
    assert_eq!(account_count(&store).await, 2_000);
    store.close().await;
    assert!(
        std::fs::read(&path).expect("read") == before,
        "the workspace is untouched"
    );
}

/// What a damaged workspace must do whatever the damage: be found damaged, refuse writes and
/// backups, leave the file and its newest backup byte for byte as they were, and restore.
async fn damaged_workspace_is_read_only_and_restorable(
    damage: impl FnOnce(&Path, &mut Vec<u8>),
    found_at_open: bool,
) {
    let dir = tempfile::tempdir().expect("dir");
    let (path, backup) = workspace_with_a_backup(dir.path()).await;
    let backup_bytes = std::fs::read(&backup).expect("read backup");
    let mut bytes = std::fs::read(&path).expect("read");
    damage(&path, &mut bytes);
    std::fs::write(&path, &bytes).expect("damage the file");

    let store = Store::open(&path)
        .await
        .expect("a damaged file still opens");
    if found_at_open {
        assert!(
            store.damage().is_some(),
            "found at open ({} bytes, header {:?})",
            bytes.len(),
            &bytes[..bytes.len().min(100)]
        );
    } else if store.damage().is_none() {
        assert!(
            store.check_health().await.expect("checked").is_some(),
            "found by the quick check"
        );
    }
    assert!(store.damage().is_some());
    let write = add_accounts(&store, 9_000, 1)
        .await
        .expect_err("writes are refused");
    assert!(
        matches!(write, Error::ReadOnly(_) | Error::Corrupt(_)),
        "{write:?}"
    );
    let copy = store
        .back_up(BackupKind::Daily, None)
        .await
        .expect_err("no backup");
    assert!(matches!(copy, Error::Damaged { .. }), "{copy:?}");
    store.close().await;

    let after = std::fs::read(&path).expect("read");
    assert!(
        after == bytes,
        "the damaged file is untouched: {} bytes before, {} after",
        bytes.len(),
        after.len()
    );
    assert!(
        std::fs::read(&backup).expect("read") == backup_bytes,
        "the newest backup is untouched"
    );
    let listed = list_backups(&path).expect("list");
    assert_eq!(listed.len(), 1, "no copy was added: {listed:?}");

    // Opened again, as the app would after a restart, and restored.
    let store = Store::open(&path).await.expect("opens again");
    if !found_at_open {
        store.check_health().await.expect("checked");
    }
    let kept = store
        .restore(&backup)
        .await
        .expect("restore")
        .expect("set aside");
    assert_eq!(kept.kind, BackupKind::Damaged);
    assert!(!kept.restorable());
    assert_eq!(store.damage(), None);
    assert_eq!(account_count(&store).await, 2_000);
    assert_eq!(store.check_health().await.expect("checked"), None);
    add_accounts(&store, 9_000, 1).await.expect("writes again");
    store.close().await;
    assert!(std::fs::read(&backup).expect("read") == backup_bytes);
}

#[tokio::test]
async fn an_overwritten_header_is_found_at_open() {
    damaged_workspace_is_read_only_and_restorable(|_, bytes| bytes[..16].fill(0), true).await;
}

#[tokio::test]
async fn a_truncated_file_is_found_at_open_or_by_the_quick_check() {
    // Cut at a page boundary, the file passes the length checks at open whenever its header's
    // page count is not current (SQLite keeps it only while two counters agree); what is then
    // missing is found by the first check, at open if a read there meets it, else when idle.
    damaged_workspace_is_read_only_and_restorable(
        |_, bytes| {
            let pages = bytes.len() / 4096;
            bytes.truncate(pages / 2 * 4096);
        },
        false,
    )
    .await;
}

#[tokio::test]
async fn a_file_cut_inside_a_page_is_found_at_open() {
    damaged_workspace_is_read_only_and_restorable(
        |_, bytes| bytes.truncate(bytes.len() - 100),
        true,
    )
    .await;
}

#[tokio::test]
async fn flipped_bytes_in_a_page_are_found_by_the_quick_check() {
    damaged_workspace_is_read_only_and_restorable(
        |_, bytes| {
            // The b-tree header of a page in the middle of the accounts table.
            let at = (bytes.len() / 4096 / 2) * 4096;
            for byte in &mut bytes[at..at + 12] {
                *byte ^= 0xa5;
            }
        },
        false,
    )
    .await;
}

#[tokio::test]
async fn an_empty_file_beside_backups_is_damage_but_a_new_one_is_not() {
    let dir = tempfile::tempdir().expect("dir");
    let fresh = dir.path().join("fresh.terrain");
    std::fs::write(&fresh, b"").expect("empty");
    let store = Store::open(&fresh).await.expect("open");
    assert_eq!(
        store.damage(),
        None,
        "an empty file with no backups is a new workspace"
    );
    store.close().await;

    let (path, _) = workspace_with_a_backup(dir.path()).await;
    std::fs::write(&path, b"").expect("empty it");
    let store = Store::open(&path).await.expect("open");
    assert_eq!(store.damage().as_deref(), Some("the file is empty"));
    store.close().await;
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), 0);
}

/// The app runs these from Tauri commands and a background task, which need `Send` futures.
#[test]
fn backup_and_health_futures_can_move_between_threads() {
    fn send<T: Send>(_: T) {}
    let path = Path::new("unused.terrain");
    let store = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(Store::open_in_memory())
        .expect("store");
    send(store.restore(path));
    send(store.check_health());
    send(store.quick_check());
    send(store.back_up(BackupKind::Manual, None));
    send(verify_backup(path));
}
