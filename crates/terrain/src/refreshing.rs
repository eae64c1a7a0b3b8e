//! The scheduled refresh: what cron or the Task Scheduler runs every morning.
//!
//! The CRM drops its exports into one folder; the refresh imports each file there that it has
//! not imported before, rescores every account as of today and writes the daily review as JSON
//! beside them, for the director or another script to pick up. Each file is imported in its own
//! transaction together with the record that it was imported, so a file that fails leaves the
//! workspace as it was and is simply tried again next time, while the other files still land.

use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use terrain_sheets::ParsedSheet;
use terrain_store::WatchedFile;

use crate::error::{Error, Result};
use crate::importing::{import_files, import_report, load_order};
use crate::planning::today;
use crate::views::{RefreshFailure, RefreshReport};
use crate::Workspace;

const FOLDER: &str = "refresh_folder";

/// What a failed file's message ends with. Importing it by hand would not stop the next
/// refresh from importing it again, so the way out is to fix it or take it out of the folder.
const KEPT_OUT: &str = "nothing of it was imported, and the next refresh tries it again (fix \
                        it, or move it out of the folder)";

/// What the importer reads; anything else in the folder (notes, the reviews) is left alone.
const EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xls", "ods"];

/// A spreadsheet in the watched folder.
struct Found {
    name: String,
    path: PathBuf,
    size: i64,
    modified: String,
}

impl Found {
    fn watched(&self) -> WatchedFile<'_> {
        WatchedFile {
            name: &self.name,
            size: self.size,
            modified: &self.modified,
        }
    }
}

impl Workspace {
    /// The folder the scheduled refresh watches, once set.
    pub async fn refresh_folder(&self) -> Result<Option<String>> {
        Ok(self.store.setting(FOLDER).await?)
    }

    /// Imports the watched folder's new files, rescores as of today and writes the daily
    /// review to `reviews/review-YYYY-MM-DD.json` in the folder. `folder` sets the watched
    /// folder (remembered for the next runs); without it, the remembered one is used.
    ///
    /// A file that cannot be imported is listed in the report's `failed` and the rest goes
    /// on: the refresh is unattended, and one bad export must not hold back the others.
    #[tracing::instrument(skip(self), err)]
    pub async fn refresh(&self, folder: Option<&Path>) -> Result<RefreshReport> {
        let folder = self.watched_folder(folder).await?;

        let mut found = list_spreadsheets(&folder)?;
        let mut already_imported = 0;
        let mut new = Vec::with_capacity(found.len());
        for file in found.drain(..) {
            if self.store.was_refreshed(file.watched()).await? {
                already_imported += 1;
            } else {
                new.push(file);
            }
        }

        // Each file is read as the last hand import of its source was (its headers name the
        // source): an answer given once, a date order say, holds for every later export.
        let mut read = Vec::with_capacity(new.len());
        for file in new {
            let sheet = self.read_as_saved(&file.path).await?;
            read.push((file, sheet));
        }

        let mut failed = Vec::new();
        let mut sheets: Vec<(Found, ParsedSheet)> = Vec::with_capacity(read.len());
        for (file, sheet) in read {
            match sheet {
                Ok(sheet) => sheets.push((file, sheet)),
                Err(e) => failed.push(sheet_failure(&file.name, &e)),
            }
        }
        // Accounts before the deals and signals that name them, whatever the file names.
        sheets.sort_by(|a, b| {
            load_order(a.1.kind)
                .cmp(&load_order(b.1.kind))
                .then_with(|| a.0.name.cmp(&b.0.name))
        });

        if !sheets.is_empty() {
            let names: Vec<&str> = sheets.iter().map(|(file, _)| file.name.as_str()).collect();
            let detail = crate::backing_up::import_detail(&names);
            self.store
                .back_up(terrain_store::BackupKind::Import, detail.as_deref())
                .await?;
        }
        let mut imported = Vec::new();
        let mut problems = Vec::new();
        for (file, sheet) in &sheets {
            let one = std::slice::from_ref(sheet);
            match self
                .store
                .import_watched(file.watched(), &import_files(one))
                .await
            {
                Ok(Some(outcome)) => {
                    let report = import_report(one, &outcome);
                    imported.extend(report.files);
                    problems.extend(report.problems);
                }
                // Another refresh running at the same time took it first.
                Ok(None) => already_imported += 1,
                Err(e) => failed.push(RefreshFailure {
                    file: file.name.clone(),
                    row: None,
                    column: None,
                    message: format!("{}: {e}; {KEPT_OUT}", file.name),
                }),
            }
        }
        for file in &imported {
            tracing::info!(
                file = %file.file,
                kind = ?file.kind,
                imported = file.imported,
                rejected = file.rejected,
                "refresh imported"
            );
        }
        for failure in &failed {
            tracing::warn!(file = %failure.file, message = %failure.message, "refresh failed");
        }

        let after_import = |e: Error| {
            if imported.is_empty() {
                e
            } else {
                Error::AfterImport(Box::new(e))
            }
        };
        let as_of = today();
        let scored = self.score(Some(as_of)).await.map_err(after_import)?;
        let review = self.daily_review().await.map_err(after_import)?;
        let path = write_review(&folder, as_of, &review).map_err(after_import)?;
        tracing::info!(
            imported = imported.len(),
            failed = failed.len(),
            proposals = review.proposals.len(),
            "refreshed"
        );
        Ok(RefreshReport {
            folder: folder.display().to_string(),
            imported,
            problems,
            already_imported,
            failed,
            scored,
            as_of: as_of.to_string(),
            review: path.display().to_string(),
            proposals: review.proposals.len() as u32,
        })
    }

    /// Sets the watched folder when one is given, else reads the one set before.
    async fn watched_folder(&self, given: Option<&Path>) -> Result<PathBuf> {
        if let Some(folder) = given {
            // Absolute, so that cron, which starts in another folder, finds the same one.
            let folder = std::fs::canonicalize(folder)
                .ok()
                .filter(|f| f.is_dir())
                .ok_or_else(|| {
                    Error::BadInput(format!(
                        "{}: there is no such folder; give the folder the CRM exports land in",
                        folder.display()
                    ))
                })?;
            self.store
                .set_setting(FOLDER, &folder.display().to_string())
                .await?;
            return Ok(folder);
        }
        let Some(folder) = self.store.setting(FOLDER).await? else {
            return Err(Error::BadInput(
                "no folder to refresh from yet: run `terrain --db FILE refresh --folder DIR` \
                 once with the folder the CRM exports land in, and later refreshes remember it"
                    .into(),
            ));
        };
        let folder = PathBuf::from(folder);
        if !folder.is_dir() {
            return Err(Error::BadInput(format!(
                "the watched folder {} is gone; set another with --folder DIR",
                folder.display()
            )));
        }
        Ok(folder)
    }
}

/// The spreadsheets directly in the folder, by name. Hidden files and the lock files Excel
/// keeps beside an open workbook (`~$name.xlsx`) are not exports.
fn list_spreadsheets(folder: &Path) -> Result<Vec<Found>> {
    let io = |source| Error::Io {
        path: folder.display().to_string(),
        source,
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let spreadsheet = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !spreadsheet || name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let Ok(metadata) = std::fs::metadata(&path) else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        let modified = metadata.modified().map_or_else(
            |_| String::new(),
            |t| DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::Nanos, true),
        );
        found.push(Found {
            name,
            path,
            size: i64::try_from(metadata.len()).unwrap_or(i64::MAX),
            modified,
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// A refused file, with the row or column the reader blamed when it named one.
fn sheet_failure(file: &str, error: &terrain_sheets::Error) -> RefreshFailure {
    use terrain_sheets::Error as Sheet;
    let (row, column) = match error {
        Sheet::Csv { row, .. } => (Some(*row), None),
        Sheet::MissingHeader { header, .. } => (None, Some(header.clone())),
        Sheet::MissingField { field, .. } => (None, Some((*field).to_string())),
        _ => (None, None),
    };
    RefreshFailure {
        file: file.to_string(),
        row,
        column,
        message: format!("{error}; {KEPT_OUT}"),
    }
}

/// Writes the review beside a temporary name and renames it into place, so a script reading
/// the folder never sees half a file.
fn write_review(
    folder: &Path,
    as_of: chrono::NaiveDate,
    review: &crate::views::DailyReview,
) -> Result<PathBuf> {
    let reviews = folder.join("reviews");
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    std::fs::create_dir_all(&reviews).map_err(io(&reviews))?;
    let path = reviews.join(format!("review-{as_of}.json"));
    let partial = reviews.join(format!(".review-{as_of}.json.partial"));
    let json = serde_json::to_vec_pretty(review).map_err(|e| Error::Io {
        path: path.display().to_string(),
        source: std::io::Error::other(e),
    })?;
    // A full disk stops the write partway: the partial file goes too.
    if let Err(e) = std::fs::write(&partial, json) {
        let _ = std::fs::remove_file(&partial);
        return Err(io(&partial)(e));
    }
    if let Err(e) = std::fs::rename(&partial, &path) {
        let _ = std::fs::remove_file(&partial);
        return Err(io(&path)(e));
    }
    Ok(path)
}
