//! The use cases' error type, and its mapping to the `{code, message}` the UI receives.

use crate::views::{ErrorCode, ErrorPayload};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Sheet(#[from] terrain_sheets::Error),
    /// A file of an import was refused, so none of its files were loaded.
    #[error("{0}; nothing was imported{hint}", hint = refused_hint(.0))]
    NothingImported(#[source] terrain_sheets::Error),
    #[error(transparent)]
    Store(#[from] terrain_store::Error),
    #[error(transparent)]
    Chart(#[from] terrain_charts::ChartError),
    #[error("the files were imported, but refreshing scores and the plan failed: {0}")]
    AfterImport(Box<Error>),
    #[error("the accounts were merged, but rescoring failed: {0}")]
    AfterMerge(Box<Error>),
    #[error("the import was cancelled; nothing was imported")]
    Cancelled,
    #[error("{0}")]
    BadInput(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

/// What to do about a refused file: a file that could not be read at all needs fixing or
/// leaving out; one that was read but not recognised can be named with `--kind`.
fn refused_hint(error: &terrain_sheets::Error) -> &'static str {
    match error {
        terrain_sheets::Error::Read { .. }
        | terrain_sheets::Error::Workbook { .. }
        | terrain_sheets::Error::Encrypted { .. }
        | terrain_sheets::Error::SheetTooLarge { .. }
        | terrain_sheets::Error::PartTooLarge { .. }
        | terrain_sheets::Error::WorkbookTooLarge { .. }
        | terrain_sheets::Error::NotASheet { .. }
        | terrain_sheets::Error::Unsettled(_) => "",
        _ => " (leave the file out, or say what it holds with --kind)",
    }
}

impl Error {
    /// The code the UI branches on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Sheet(terrain_sheets::Error::Read { .. })
            | Error::NothingImported(terrain_sheets::Error::Read { .. }) => ErrorCode::Io,
            Error::NothingImported(_) => ErrorCode::BadInput,
            Error::Sheet(_) | Error::BadInput(_) => ErrorCode::BadInput,
            Error::Store(terrain_store::Error::NotADraft(_)) => ErrorCode::Conflict,
            Error::Store(terrain_store::Error::NoSuchProposal(_)) => ErrorCode::NotFound,
            Error::Store(terrain_store::Error::ProposalAnswered(_)) => ErrorCode::Conflict,
            Error::Store(terrain_store::Error::NotInProposal { .. }) => ErrorCode::BadInput,
            Error::Store(terrain_store::Error::ReadOnly(_)) => ErrorCode::ReadOnly,
            Error::Store(
                terrain_store::Error::Damaged { .. } | terrain_store::Error::Corrupt(_),
            ) => ErrorCode::Damaged,
            Error::Store(
                terrain_store::Error::BadBackup { .. } | terrain_store::Error::InMemory,
            ) => ErrorCode::BadInput,
            Error::Store(terrain_store::Error::Busy) => ErrorCode::Conflict,
            Error::Store(_) => ErrorCode::Storage,
            Error::Chart(_) => ErrorCode::Io,
            Error::AfterImport(inner) | Error::AfterMerge(inner) => inner.code(),
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::Io { .. } => ErrorCode::Io,
        }
    }

    /// Whether the disk holding the workspace is full: SQLite could not grow the file or its
    /// write-ahead log, and rolled the action back.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Error::Store(terrain_store::Error::DiskFull(_)) => true,
            Error::AfterImport(inner) | Error::AfterMerge(inner) => inner.is_disk_full(),
            _ => false,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
        }
    }
}
