//! Backups as the director sees them: the list, a copy made now, a restore, the daily copy
//! and the workspace's health, over the store's backup module.
//!
//! The copies before imports, activations and migrations are taken by those use cases
//! themselves (see `importing`, `refreshing`, `realigning` and the store's `open`); this module
//! adds what a person or the idle app asks for.

use std::path::{Path, PathBuf};

use chrono::{Local, SecondsFormat};
use terrain_store::{backup_dir, list_backups, Backup, BackupKind};

use crate::error::{Error, Result};
use crate::views::{BackupInfo, BackupKindName, RestoreInput, Restored, WorkspaceHealth};
use crate::Workspace;

impl Workspace {
    /// Every backup of the workspace, newest first.
    pub async fn backups(&self) -> Result<Vec<BackupInfo>> {
        if self.store.path().is_none() {
            return Ok(Vec::new());
        }
        Ok(list_backups(self.path())?.iter().map(backup_info).collect())
    }

    /// Makes a verified copy now.
    #[tracing::instrument(skip(self), err)]
    pub async fn back_up_now(&self) -> Result<BackupInfo> {
        let backup = self
            .store
            .back_up(BackupKind::Manual, None)
            .await?
            .ok_or(terrain_store::Error::InMemory)?;
        Ok(backup_info(&backup))
    }

    /// Whether the file is sound, with the newest backup to restore when it is not.
    pub async fn health(&self) -> Result<WorkspaceHealth> {
        let latest = if self.store.path().is_some() {
            list_backups(self.path())?
                .into_iter()
                .find(Backup::restorable)
        } else {
            None
        };
        Ok(WorkspaceHealth {
            path: self.path().display().to_string(),
            damage: self.store.damage(),
            latest_backup: latest.as_ref().map(backup_info),
        })
    }

    /// [`Workspace::health`] after a quick check, for when a screen met damage: the store then
    /// switches to read-only at once rather than at the next idle check.
    pub async fn check_health_now(&self) -> Result<WorkspaceHealth> {
        self.store.check_health().await?;
        self.health().await
    }

    /// What the app runs when the director is idle: `PRAGMA quick_check` (a damaged file is
    /// switched to read-only), then the day's backup if none was taken today.
    #[tracing::instrument(skip(self), err)]
    pub async fn idle_check(&self) -> Result<WorkspaceHealth> {
        if self.store.check_health().await?.is_none() {
            self.daily_backup().await?;
        }
        self.health().await
    }

    /// Takes the day's backup when none was taken today, after a quick check: a damaged file
    /// is never copied over the good ones. The CLI calls this as it starts, the app when idle.
    pub async fn daily_backup(&self) -> Result<Option<BackupInfo>> {
        let today = Local::now().date_naive();
        let due = self.store.path().is_some()
            && self.store.damage().is_none()
            && !list_backups(self.path())?.iter().any(|b| {
                b.kind == BackupKind::Daily && b.taken.with_timezone(&Local).date_naive() == today
            });
        if !due || self.store.check_health().await?.is_some() {
            return Ok(None);
        }
        Ok(self
            .store
            .back_up_daily_if_due(today)
            .await?
            .as_ref()
            .map(backup_info))
    }

    /// Replaces the workspace with a backup, keeping a copy of the state it replaces. See
    /// `Store::restore` for how the file is swapped safely.
    #[tracing::instrument(skip(self), err)]
    pub async fn restore(&self, input: &RestoreInput) -> Result<Restored> {
        let path = self.resolve_backup(&input.backup)?;
        let restored = list_backups(self.path())?
            .into_iter()
            .find(|b| b.path == path);
        if restored.as_ref().is_some_and(|b| !b.restorable()) {
            return Err(Error::BadInput(format!(
                "{} is the damaged workspace a restore set aside; pick another backup",
                path.display()
            )));
        }
        let replaced = self.store.restore(&path).await?;
        // What was derived from the old file no longer holds.
        self.forget_caches();
        let restored = restored.map_or_else(|| outside_info(&path), |b| backup_info(&b));
        Ok(Restored {
            restored,
            replaced: replaced.as_ref().map(backup_info),
        })
    }

    fn forget_caches(&self) {
        *self.books.lock().unwrap_or_else(|e| e.into_inner()) = None;
        *self.model.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A backup named by its path, or by its file name in the backup folder.
    fn resolve_backup(&self, backup: &str) -> Result<PathBuf> {
        let given = Path::new(backup);
        if given.is_file() {
            return Ok(given.to_path_buf());
        }
        let in_folder = backup_dir(self.path()).join(backup);
        if given.components().count() == 1 && in_folder.is_file() {
            return Ok(in_folder);
        }
        Err(Error::NotFound(format!(
            "there is no backup {backup}; list them with `terrain backups` (or Workspace › \
             Backups…) and give a path or a name from there"
        )))
    }
}

/// The view of a backup.
pub(crate) fn backup_info(backup: &Backup) -> BackupInfo {
    BackupInfo {
        path: backup.path.display().to_string(),
        name: backup
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind: kind_name(backup.kind),
        reason: backup.reason(),
        taken: backup.taken.to_rfc3339_opts(SecondsFormat::Millis, true),
        bytes: backup.bytes,
        restorable: backup.restorable(),
    }
}

/// A copy restored from outside the backup folder (a file the director kept elsewhere).
fn outside_info(path: &Path) -> BackupInfo {
    let meta = std::fs::metadata(path).ok();
    let taken = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .map(chrono::DateTime::<chrono::Utc>::from)
        .unwrap_or_else(chrono::Utc::now);
    BackupInfo {
        path: path.display().to_string(),
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        kind: BackupKindName::Manual,
        reason: "a copy kept outside the backup folder".into(),
        taken: taken.to_rfc3339_opts(SecondsFormat::Millis, true),
        bytes: meta.map_or(0, |m| m.len()),
        restorable: true,
    }
}

fn kind_name(kind: BackupKind) -> BackupKindName {
    match kind {
        BackupKind::Import => BackupKindName::Import,
        BackupKind::Activation => BackupKindName::Activation,
        BackupKind::Migration => BackupKindName::Migration,
        BackupKind::Daily => BackupKindName::Daily,
        BackupKind::Manual => BackupKindName::Manual,
        BackupKind::Restore => BackupKindName::Restore,
        BackupKind::Damaged => BackupKindName::Damaged,
    }
}

/// The detail a backup before an import carries: the first file's name, and how many more.
pub(crate) fn import_detail<S: AsRef<str>>(paths: &[S]) -> Option<String> {
    let first = paths.first()?;
    let name = Path::new(first.as_ref()).file_name().map_or_else(
        || first.as_ref().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Some(match paths.len() {
        1 => name,
        n => format!("{name}+{}", n - 1),
    })
}
