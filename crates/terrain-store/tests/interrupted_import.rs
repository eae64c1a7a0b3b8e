//! An import killed part-way leaves a hot rollback journal beside the workspace (imports run
//! with the rollback journal); the next open must play it back and open the workspace as it was.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use terrain_store::Store;

async fn accounts(store: &Store) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM accounts")
        .fetch_one(store.pool())
        .await
        .expect("count")
}

/// Copies the workspace and its journal while a large write is half-way, as a kill would
/// leave them, into `crashed`.
async fn crash_mid_write(path: &Path, crashed: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .connect()
        .await
        .expect("connect");
    for pragma in [
        "PRAGMA journal_mode = DELETE",
        // A small cache makes the write spill its pages into the file before it commits.
        "PRAGMA cache_size = 10",
        "BEGIN",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
         INSERT INTO accounts (key, name) SELECT 'K-' || i, 'Account ' || i FROM n",
    ] {
        sqlx::query(pragma).execute(&mut conn).await.expect(pragma);
    }
    std::fs::copy(path, crashed).expect("copy the file");
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let mut crashed_journal = crashed.as_os_str().to_owned();
    crashed_journal.push("-journal");
    std::fs::copy(&journal, &crashed_journal).expect("copy the journal");
    conn.close().await.expect("close");
}

#[tokio::test]
async fn a_workspace_left_by_an_import_killed_mid_write_opens_as_it_was_before() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("w.terrain");
    let store = Store::open(&path).await.expect("create");
    sqlx::query("INSERT INTO accounts (key, name) VALUES ('A-1', 'Alder')")
        .execute(store.pool())
        .await
        .expect("one account");
    store.close().await;

    let crashed = dir.path().join("crashed.terrain");
    crash_mid_write(&path, &crashed).await;

    let store = Store::open(&crashed).await.expect("opens");
    assert_eq!(
        store.damage(),
        None,
        "the journal was played back, not taken for damage"
    );
    assert_eq!(accounts(&store).await, 1, "as before the interrupted write");
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(store.pool())
        .await
        .expect("check");
    assert_eq!(check, "ok");
    store.close().await;
}
