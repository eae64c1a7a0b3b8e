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
        source: sqlx::Error,
    },
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
    Sql(#[from] sqlx::Error),
    #[error("stored {what} is malformed: {source}")]
    Json {
        what: &'static str,
        #[source]
        source: serde_json::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;
