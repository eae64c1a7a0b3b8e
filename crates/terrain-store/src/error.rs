//! Errors of the workspace store.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open workspace {path}: {source}")]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "workspace {path} was written by a newer version of Terrain (schema {found}, this \
         version knows up to {known}); update Terrain to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot back up workspace {path} before migrating it: {source}")]
    Backup {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    #[error(
        "the backup copy {path} failed its integrity check ({problem}) and was deleted; nothing \
         was changed. Check the disk for free space and errors, then try again"
    )]
    BackupUnverified { path: PathBuf, problem: String },
    #[error("{path} is not a usable backup of this workspace ({problem}); pick another backup")]
    BadBackup { path: PathBuf, problem: String },
    #[error(
        "the workspace stayed busy for a minute; wait for the running action (an import, say) \
         to finish and try again"
    )]
    Busy,
    #[error("a workspace held in memory has no file to back up or restore")]
    InMemory,
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "workspace {path} is damaged ({reason}), so it is open read-only and nothing can be \
         changed; restore a backup (Workspace › Backups…, or `terrain restore`)"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error(
        "the workspace is open read-only, so nothing was changed: when it is damaged, restore a \
         backup (Workspace › Backups…, or `terrain restore`); otherwise check that its file and \
         folder can be written"
    )]
    ReadOnly(#[source] sqlx::Error),
    #[error(
        "the workspace file is damaged ({0}); restore a backup (Workspace › Backups…, or \
         `terrain restore`)"
    )]
    Corrupt(#[source] sqlx::Error),
    #[error(
        "the disk is full, so the workspace could not be written and nothing was changed; free \
         some space on it and try again"
    )]
    DiskFull(#[source] sqlx::Error),
    #[error("migrating the workspace failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot write a backup copy of the workspace to {path}: {source}")]
    Copy {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("plan {0} is not a draft: only a draft can be activated")]
    NotADraft(i64),
    #[error("there is no merge proposal {0}; list them again to see the current ones")]
    NoSuchProposal(i64),
    #[error(
        "merge proposal {0} was answered already, or its accounts changed since; list the \
         proposals again"
    )]
    ProposalAnswered(i64),
    #[error(
        "account {account} is not one of merge proposal {proposal}'s accounts; keep one of them"
    )]
    NotInProposal { proposal: i64, account: i64 },
    #[error("workspace database error: {0}")]
    Sql(#[source] sqlx::Error),
    #[error("stored {what} is malformed: {source}")]
    Json {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// SQLite's primary result codes that matter here (the low byte of an extended code).
const SQLITE_READONLY: i32 = 8;
const SQLITE_CORRUPT: i32 = 11;
const SQLITE_FULL: i32 = 13;
const SQLITE_NOTADB: i32 = 26;

fn primary_code(error: &sqlx::Error) -> Option<i32> {
    let code = error.as_database_error()?.code()?;
    code.parse::<i32>().ok().map(|code| code & 0xff)
}

/// Whether SQLite says the file itself is damaged: a page that does not parse, or a file
/// that is not a database at all.
pub(crate) fn is_damage(error: &sqlx::Error) -> bool {
    matches!(primary_code(error), Some(SQLITE_CORRUPT | SQLITE_NOTADB))
}

/// Writes refused because the connection is read-only, and damage SQLite finds while working,
/// get their own variants, so the app can say what happened and what to do.
impl From<sqlx::Error> for Error {
    fn from(error: sqlx::Error) -> Error {
        match primary_code(&error) {
            Some(SQLITE_READONLY) => Error::ReadOnly(error),
            Some(SQLITE_CORRUPT | SQLITE_NOTADB) => Error::Corrupt(error),
            Some(SQLITE_FULL) => Error::DiskFull(error),
            _ => Error::Sql(error),
        }
    }
}

impl Error {
    /// What is wrong with the file, when this error says it is damaged.
    pub fn damage(&self) -> Option<String> {
        match self {
            Error::Corrupt(source) => Some(source.to_string()),
            Error::Damaged { reason, .. } => Some(reason.clone()),
            Error::Open { source, .. } if is_damage(source) => Some(source.to_string()),
            Error::Migrate(sqlx::migrate::MigrateError::Execute(source)) if is_damage(source) => {
                Some(source.to_string())
            }
            Error::Backup { source, .. } => source.damage(),
            _ => None,
        }
    }
}
