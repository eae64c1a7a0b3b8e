//! Import: read every file first, then load them all in one transaction.
//!
//! Reading never touches the workspace, so a file that cannot be read or recognised refuses the
//! whole import before anything changes; loading is a single transaction, so it also commits
//! whole or not at all.

use std::path::Path;

use terrain_sheets::{ParsedSheet, ReadOptions, Records, SheetKind};
use terrain_store::{ImportData, ImportFile, LoadOutcome};

use crate::error::{Error, Result};
use crate::views::{FileReport, ImportInput, ImportProblem, ImportReport, SheetKindName};
use crate::Workspace;

impl Workspace {
    /// Imports files as one transaction: every file lands, or nothing changes.
    #[tracing::instrument(skip(self), err)]
    pub async fn import(&self, input: &ImportInput) -> Result<ImportReport> {
        if input.paths.is_empty() {
            return Err(Error::BadInput("no files to import".into()));
        }
        let options = ReadOptions {
            kind: input.kind.map(sheet_kind),
            map: input
                .map
                .iter()
                .map(|m| (m.field.clone(), m.header.clone()))
                .collect(),
            sheet: None,
        };
        let paths: Vec<_> = input
            .paths
            .iter()
            .map(|p| Path::new(p).to_path_buf())
            .collect();
        // Parsing is CPU-bound; keep it off the async workers.
        let sheets = tokio::task::spawn_blocking(move || {
            paths
                .iter()
                .map(|path| terrain_sheets::read_file(path, &options))
                .collect::<std::result::Result<Vec<ParsedSheet>, _>>()
        })
        .await
        .map_err(|e| Error::BadInput(format!("reading the files stopped unexpectedly: {e}")))?
        .map_err(Error::NothingImported)?;

        let outcome = self.store.import(&import_files(&sheets)).await?;
        let report = import_report(&sheets, &outcome);
        for file in &report.files {
            tracing::info!(
                file = %file.file,
                kind = ?file.kind,
                rows = file.rows_read,
                imported = file.imported,
                rejected = file.rejected,
                "imported"
            );
        }
        Ok(report)
    }

    /// What the app's import button does: import, rescore as of today, and re-plan.
    ///
    /// The import commits first. Should rescoring or re-planning then fail, the error says the
    /// files did land, so nobody imports them twice.
    pub async fn import_and_plan(&self, input: &ImportInput) -> Result<ImportReport> {
        let report = self.import(input).await?;
        let refreshed = match self.score(None).await {
            Ok(_) => self.assign().await.map(|_| ()),
            Err(e) => Err(e),
        };
        match refreshed {
            Ok(()) => Ok(report),
            Err(e) => Err(Error::AfterImport(Box::new(e))),
        }
    }
}

/// The files as the store loads them.
pub(crate) fn import_files(sheets: &[ParsedSheet]) -> Vec<ImportFile<'_>> {
    sheets
        .iter()
        .map(|sheet| ImportFile {
            file: &sheet.file,
            rows_read: sheet.rows_read,
            rejected: sheet.problems.iter().filter(|p| p.rejected).count() as u32,
            rows: &sheet.record_rows,
            data: match &sheet.records {
                Records::Accounts(r) => ImportData::Accounts(r),
                Records::Reps(r) => ImportData::Reps(r),
                Records::Opportunities(r) => ImportData::Opportunities(r),
                Records::Signals(r) => ImportData::Signals(r),
                Records::Products(r) => ImportData::Products(r),
            },
        })
        .collect()
}

/// What was read and what was loaded, file by file, with every problem of either step.
pub(crate) fn import_report(sheets: &[ParsedSheet], outcome: &LoadOutcome) -> ImportReport {
    let mut problems = Vec::new();
    for sheet in sheets {
        problems.extend(sheet.problems.iter().map(|p| ImportProblem {
            file: sheet.file.clone(),
            row: p.row,
            column: p.column.clone(),
            message: p.message.clone(),
            rejected: p.rejected,
        }));
    }
    problems.extend(outcome.problems.iter().map(|p| ImportProblem {
        file: sheets[p.file].file.clone(),
        row: p.row,
        column: p.column.clone(),
        message: p.message.clone(),
        rejected: p.rejected,
    }));
    let files = sheets
        .iter()
        .zip(&outcome.files)
        .map(|(sheet, load)| FileReport {
            file: sheet.file.clone(),
            kind: kind_name(sheet.kind),
            rows_read: sheet.rows_read,
            imported: load.imported,
            rejected: load.rejected,
            custom_fields: sheet.custom_fields.clone(),
        })
        .collect();
    ImportReport { files, problems }
}

pub(crate) fn sheet_kind(kind: SheetKindName) -> SheetKind {
    match kind {
        SheetKindName::Accounts => SheetKind::Accounts,
        SheetKindName::Reps => SheetKind::Reps,
        SheetKindName::Opportunities => SheetKind::Opportunities,
        SheetKindName::Signals => SheetKind::Signals,
        SheetKindName::Products => SheetKind::Products,
    }
}

fn kind_name(kind: SheetKind) -> SheetKindName {
    match kind {
        SheetKind::Accounts => SheetKindName::Accounts,
        SheetKind::Reps => SheetKindName::Reps,
        SheetKind::Opportunities => SheetKindName::Opportunities,
        SheetKind::Signals => SheetKindName::Signals,
        SheetKind::Products => SheetKindName::Products,
    }
}
