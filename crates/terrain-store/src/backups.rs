//! Backup copies of the workspace: made before every risky action and once a day, verified as
//! they are written, kept in a rolling set, listed for the director and restored on request.
//!
//! Copies live in a folder beside the workspace, `NAME.terrain-backups/`, so that they move
//! with it and are easy to find, yet never mix with the files the director works with. Each
//! copy's name says when it was taken (UTC, so the order survives a change of clock time) and
//! why: `20261204T163912.123Z-import-accounts.csv+2.terrain`. Nothing else is stored about a
//! copy, so a folder copied by hand still lists correctly.
//!
//! Copies written by earlier versions of Terrain beside the workspace itself
//! (`NAME.before-activation-TIME.terrain` and `NAME.before-N.bak`) are listed and restorable
//! too, but never pruned: they are the director's files now.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::{Error, Result, Store};

/// Why a copy was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BackupKind {
    /// Before files were imported.
    Import,
    /// Before a draft plan was made active.
    Activation,
    /// Before the schema was upgraded by a newer Terrain.
    Migration,
    /// The first copy of a day, made once the workspace passed its quick check.
    Daily,
    /// Asked for by the director (`terrain backup`).
    Manual,
    /// The state a restore replaced, so a restore can itself be undone.
    Restore,
    /// The raw file of a damaged workspace, set aside before a restore replaced it. It is kept
    /// for whoever tries to recover more from it, and never offered as a restore point.
    Damaged,
}

impl BackupKind {
    const ALL: [BackupKind; 7] = [
        BackupKind::Import,
        BackupKind::Activation,
        BackupKind::Migration,
        BackupKind::Daily,
        BackupKind::Manual,
        BackupKind::Restore,
        BackupKind::Damaged,
    ];

    /// The word in the file name.
    pub fn as_str(self) -> &'static str {
        match self {
            BackupKind::Import => "import",
            BackupKind::Activation => "activation",
            BackupKind::Migration => "migration",
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::Restore => "restore",
            BackupKind::Damaged => "damaged",
        }
    }

    fn parse(word: &str) -> Option<BackupKind> {
        BackupKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == word)
    }

    /// How many copies of this kind are kept; older ones are deleted as new ones are made.
    ///
    /// Kinds are counted apart, so that a day of many imports cannot push out the daily
    /// copies or the one taken before a migration. Five copies before imports reach back about
    /// two weeks for a director who imports a few times a week; seven dailies are a week. The
    /// counts bound the folder to a few dozen copies, each about the size of the workspace.
    pub fn kept(self) -> usize {
        match self {
            BackupKind::Daily => 7,
            BackupKind::Damaged => 3,
            _ => 5,
        }
    }
}

/// One backup copy on disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub path: PathBuf,
    pub kind: BackupKind,
    /// What the copy was taken before, when the name says: the imported file's name (with
    /// `+N` for N more files), or the schema version a migration went to.
    pub detail: Option<String>,
    pub taken: DateTime<Utc>,
    pub bytes: u64,
    /// Written by an earlier version of Terrain beside the workspace; never pruned.
    pub legacy: bool,
}

impl Backup {
    /// Whether the copy may be restored: every kind but the set-aside damaged files.
    pub fn restorable(&self) -> bool {
        self.kind != BackupKind::Damaged
    }

    /// Why the copy was taken, in words for the director.
    pub fn reason(&self) -> String {
        let detail = self.detail.as_deref();
        match (self.kind, detail) {
            (BackupKind::Import, Some(detail)) => match detail.rsplit_once('+') {
                Some((first, more)) if more.parse::<u32>().is_ok() => {
                    format!("before importing {first} and {more} more")
                }
                _ => format!("before importing {detail}"),
            },
            (BackupKind::Import, None) => "before an import".into(),
            (BackupKind::Activation, _) => "before activating a plan".into(),
            (BackupKind::Migration, Some(to)) => format!("before upgrading to schema {to}"),
            (BackupKind::Migration, None) => "before upgrading the schema".into(),
            (BackupKind::Daily, _) => "daily copy".into(),
            (BackupKind::Manual, _) => "made by hand".into(),
            (BackupKind::Restore, _) => "before a restore".into(),
            (BackupKind::Damaged, _) => "the damaged workspace, set aside".into(),
        }
    }
}

/// The folder that holds a workspace's backups: `NAME.terrain-backups` beside it.
pub fn backup_dir(workspace: &Path) -> PathBuf {
    workspace.with_file_name(format!("{}.terrain-backups", stem(workspace)))
}

fn stem(workspace: &Path) -> String {
    workspace
        .file_stem()
        .map_or_else(|| "workspace".into(), |s| s.to_string_lossy().into_owned())
}

/// The backups of the workspace at `workspace`, newest first. A missing folder is no backups.
pub fn list_backups(workspace: &Path) -> Result<Vec<Backup>> {
    let mut backups = Vec::new();
    let dir = backup_dir(workspace);
    for path in files_in(&dir)? {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if let Some((kind, detail, taken)) = name.as_deref().and_then(parse_name) {
            backups.push(Backup {
                bytes: file_size(&path),
                path,
                kind,
                detail,
                taken,
                legacy: false,
            });
        }
    }
    if let Some(folder) = workspace.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let stem = stem(workspace);
        for path in files_in(folder)? {
            if let Some(backup) = legacy_backup(&stem, path) {
                backups.push(backup);
            }
        }
    }
    backups.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| b.path.cmp(&a.path)));
    Ok(backups)
}

fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            })
        }
    };
    Ok(entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| entry.path())
        .collect())
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Reads `STAMP-KIND[-DETAIL].terrain`.
fn parse_name(name: &str) -> Option<(BackupKind, Option<String>, DateTime<Utc>)> {
    let rest = name.strip_suffix(".terrain")?;
    let (stamp, rest) = rest.split_once('-')?;
    let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let (kind, detail) = match rest.split_once('-') {
        Some((kind, detail)) => (kind, Some(detail.to_string())),
        None => (rest, None),
    };
    Some((BackupKind::parse(kind)?, detail, taken))
}

/// The copies earlier versions wrote beside the workspace.
fn legacy_backup(stem: &str, path: PathBuf) -> Option<Backup> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let rest = name.strip_prefix(stem)?.strip_prefix(".before-")?;
    let (kind, detail, taken) = if let Some(stamp) = rest
        .strip_prefix("activation-")
        .and_then(|r| r.strip_suffix(".terrain"))
    {
        let local = NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S%.3f").ok()?;
        let taken = Local.from_local_datetime(&local).earliest()?.to_utc();
        (BackupKind::Activation, None, taken)
    } else {
        let version = rest.strip_suffix(".bak")?;
        version.parse::<i64>().ok()?;
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        (
            BackupKind::Migration,
            Some(version.to_string()),
            DateTime::<Utc>::from(modified),
        )
    };
    Some(Backup {
        bytes: file_size(&path),
        path,
        kind,
        detail,
        taken,
        legacy: true,
    })
}

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// Keeps letters, digits and `.`, `_`, `+`, `-` of a detail, so the name is valid everywhere
/// and still readable; at most 60 characters of it.
fn clean_detail(detail: &str) -> String {
    detail
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '+' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect()
}

/// Opens a copy to read it and nothing else: `immutable` because nobody writes a backup, so
/// SQLite takes no locks and leaves no `-wal` or `-shm` files beside it.
fn copy_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true)
}

/// Runs `PRAGMA integrity_check` on a copy: `Ok` when SQLite answers `ok`, else what it found.
pub async fn verify_backup(path: &Path) -> Result<std::result::Result<(), String>> {
    let checked = async {
        let mut conn = copy_options(path).connect().await?;
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await?;
        conn.close().await?;
        Ok::<_, sqlx::Error>(rows)
    }
    .await;
    Ok(match checked {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(rows.join("; ")),
        Err(error) => Err(error.to_string()),
    })
}

/// Flushes a file, then its folder's entry for it, so a copy survives a power cut.
fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::File::open(path)?.sync_all()?;
    sync_dir(path)
}

/// Flushes a folder's entries (a new or renamed file). Windows cannot open a folder for that
/// and makes renames durable by itself, so there it is skipped.
pub(crate) fn sync_dir(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

impl Store {
    /// Takes a verified backup copy of the workspace: `VACUUM INTO` a new file in the backup
    /// folder, open it read-only and run `integrity_check`, then drop the oldest copies of the
    /// kind beyond [`BackupKind::kept`]. A copy that fails the check is deleted and the call
    /// fails, so a bad copy is never kept, nor counted in place of a good one.
    ///
    /// `None` for a workspace held in memory, which has no folder to keep copies in.
    pub async fn back_up(&self, kind: BackupKind, detail: Option<&str>) -> Result<Option<Backup>> {
        let Some(workspace) = self.path() else {
            return Ok(None);
        };
        self.refuse_when_damaged(workspace)?;
        let dir = backup_dir(workspace);
        std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
            path: dir.clone(),
            source,
        })?;
        let taken = Utc::now();
        let mut name = format!("{}-{}", taken.format(STAMP), kind.as_str());
        if let Some(detail) = detail.map(clean_detail).filter(|d| !d.is_empty()) {
            name = format!("{name}-{detail}");
        }
        let path = dir.join(format!("{name}.terrain"));

        let started = std::time::Instant::now();
        self.backup_to(&path).await?;
        if let Err(problem) = verify_backup(&path).await? {
            tracing::error!(backup = %path.display(), %problem, "backup failed verification");
            let _ = std::fs::remove_file(&path);
            return Err(Error::BackupUnverified { path, problem });
        }
        sync_file(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        let backup = Backup {
            bytes: file_size(&path),
            path,
            kind,
            detail: detail.map(clean_detail).filter(|d| !d.is_empty()),
            taken,
            legacy: false,
        };
        tracing::info!(
            backup = %backup.path.display(),
            kind = kind.as_str(),
            bytes = backup.bytes,
            elapsed = ?started.elapsed(),
            "backed up and verified the workspace"
        );
        prune(workspace, kind)?;
        Ok(Some(backup))
    }

    /// Takes the day's copy unless one was taken today (local time). Meant to run after a
    /// quick check passed, so the daily copy is never one of a damaged file.
    pub async fn back_up_daily_if_due(&self, today: NaiveDate) -> Result<Option<Backup>> {
        let Some(workspace) = self.path() else {
            return Ok(None);
        };
        let taken_today = list_backups(workspace)?.into_iter().any(|b| {
            b.kind == BackupKind::Daily && b.taken.with_timezone(&Local).date_naive() == today
        });
        if taken_today {
            return Ok(None);
        }
        self.back_up(BackupKind::Daily, None).await
    }

    fn refuse_when_damaged(&self, workspace: &Path) -> Result<()> {
        match self.damage() {
            Some(reason) => Err(Error::Damaged {
                path: workspace.to_path_buf(),
                reason,
            }),
            None => Ok(()),
        }
    }
}

/// Deletes the oldest copies of `kind` beyond what is kept. A copy that cannot be deleted is
/// logged and left: an extra copy costs disk space, not data.
fn prune(workspace: &Path, kind: BackupKind) -> Result<()> {
    let stale = list_backups(workspace)?
        .into_iter()
        .filter(|b| b.kind == kind && !b.legacy)
        .skip(kind.kept());
    for backup in stale {
        match std::fs::remove_file(&backup.path) {
            Ok(()) => tracing::info!(backup = %backup.path.display(), "deleted an old backup"),
            Err(error) => {
                let old = backup.path.display();
                tracing::warn!(backup = %old, %error, "could not delete an old backup")
            }
        }
    }
    Ok(())
}

/// How long a restore waits for the running action (an import, say) to let go of the file.
pub(crate) const RESTORE_WAIT: Duration = Duration::from_secs(60);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_name_gives_back_its_kind_detail_and_time() {
        let (kind, detail, taken) =
            parse_name("20261204T163912.123Z-import-accounts.csv+2.terrain").expect("parsed");
        assert_eq!(kind, BackupKind::Import);
        assert_eq!(detail.as_deref(), Some("accounts.csv+2"));
        assert_eq!(taken.to_rfc3339(), "2026-12-04T16:39:12.123+00:00");
        assert!(parse_name("20261204T163912.123Z-daily.terrain").is_some());
        assert!(parse_name("notes.terrain").is_none());
        assert!(parse_name("20261204T163912.123Z-lunch.terrain").is_none());
    }

    #[test]
    fn an_import_of_several_files_reads_as_the_first_and_a_count() {
        let backup = Backup {
            path: PathBuf::from("x"),
            kind: BackupKind::Import,
            detail: Some(clean_detail("accounts 2026/12.csv+2")),
            taken: Utc::now(),
            bytes: 0,
            legacy: false,
        };
        assert_eq!(
            backup.reason(),
            "before importing accounts_2026_12.csv and 2 more"
        );
    }

    #[test]
    fn the_backup_folder_sits_beside_the_workspace() {
        assert_eq!(
            backup_dir(Path::new("/data/west.terrain")),
            Path::new("/data/west.terrain-backups")
        );
    }
}
