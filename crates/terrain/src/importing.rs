//! Import: survey every file first, then stream them all into one transaction.
//!
//! Surveying never touches the workspace, so a file that cannot be read, recognised or
//! settled refuses the whole import before anything changes. A large text file is surveyed by
//! its first rows and the rest as it streams, so it is read once; should the rest settle a
//! column differently, the import starts over with the whole file's plan, and should it leave a
//! question open, the import stops there with nothing changed. Loading streams each file in
//! batches into a single transaction, so memory stays bounded and the import still commits
//! whole or not at all; a cancel or an error rolls it back.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use terrain_sheets::{
    Batch, DateOrder, Decimal, ParsedSheet, Plan, Problem, QuestionAbout, ReadEnd, ReadOptions,
    Records, Sheet, SheetKind,
};
use terrain_store::{ImportData, ImportFile, LoadOutcome, SessionFile, LISTED_PROBLEMS};

use crate::error::{Error, Result};
use crate::views::{
    ColumnReading, ColumnView, DateOrderName, DecimalName, FileReport, FileSettings, FileView,
    ImportInput, ImportPreview, ImportProblem, ImportProgress, ImportReport, QuestionKind,
    SheetChoice, SheetKindName,
};
use crate::Workspace;

/// Rows per batch: large enough that each multi-row insert pays off.
const BATCH_ROWS: usize = 20_000;

/// Cells per batch, which caps the rows of a wide sheet: 20,000 rows of 16,384 columns held
/// about 13 GB between the reader and the loader, where a batch of this many cells (20,000
/// rows of up to 20 columns) stays a few tens of megabytes.
const BATCH_CELLS: usize = 400_000;

/// What the caller of a long import can see and do while it runs.
#[derive(Clone, Default)]
pub struct ImportControl {
    /// Set to stop the import; it then rolls back.
    pub cancel: Arc<AtomicBool>,
    /// Called after each batch.
    pub progress: Option<Arc<dyn Fn(ImportProgress) + Send + Sync>>,
}

/// How streaming the files of an import ended.
enum Streamed {
    Done(ImportReport),
    /// A file read differently once surveyed whole: the files, planned again, to stream anew.
    Outdated(Vec<Prepared>),
}

/// A file surveyed and planned, ready to stream.
struct Prepared {
    sheet: Sheet,
    plan: Plan,
    settings: FileSettings,
    /// Whether the user set anything, so the settings are worth remembering.
    chosen: bool,
}

impl Workspace {
    /// Surveys the files of an import for the mapping screen: kinds, columns with sample
    /// values, and what has to be decided. Writes nothing.
    #[tracing::instrument(skip(self), err)]
    pub async fn inspect_import(&self, input: &ImportInput) -> Result<ImportPreview> {
        check_paths(input)?;
        let mut files = Vec::with_capacity(input.paths.len());
        for path in &input.paths {
            let (settings, chosen) = self.settings_for(path, input).await?;
            let surveyed =
                survey(PathBuf::from(path), settings.sheet.clone(), Survey::Whole).await?;
            let (settings, saved) = match (chosen, self.saved_settings(&surveyed, path).await?) {
                (false, Some(stored)) => (stored, true),
                _ => (settings, false),
            };
            files.push(file_view(path, surveyed, settings, saved));
        }
        Ok(ImportPreview { files })
    }

    /// Imports files as one transaction: every file lands, or nothing changes.
    pub async fn import(&self, input: &ImportInput) -> Result<ImportReport> {
        self.import_with(input, &ImportControl::default(), true)
            .await
    }

    /// What [`Workspace::import`] would report, with nothing written: the same import, rolled
    /// back at the end, so the preview and the commit cannot disagree.
    pub async fn preview_import(&self, input: &ImportInput) -> Result<ImportReport> {
        self.import_with(input, &ImportControl::default(), false)
            .await
    }

    /// Imports with progress reports and a cancel flag; with `commit` false, rolls back at the
    /// end (a preview).
    #[tracing::instrument(skip(self, control), err)]
    pub async fn import_with(
        &self,
        input: &ImportInput,
        control: &ImportControl,
        commit: bool,
    ) -> Result<ImportReport> {
        check_paths(input)?;
        let started = std::time::Instant::now();
        let mut prepared = Vec::with_capacity(input.paths.len());
        for path in &input.paths {
            prepared.push(self.prepare(path, input).await?);
        }
        tracing::debug!(elapsed = ?started.elapsed(), "surveyed");
        // A copy of the workspace before the files land; a preview writes nothing to keep.
        if commit {
            let detail = crate::backing_up::import_detail(&input.paths);
            self.store
                .back_up(terrain_store::BackupKind::Import, detail.as_deref())
                .await?;
        }

        // A preview writes nothing, so it leaves the journal mode alone too.
        if commit {
            self.store.begin_bulk_load().await;
        }
        let streamed = loop {
            match self.stream(prepared, control, commit, started).await {
                Ok(Streamed::Done(report)) => break Ok(report),
                Ok(Streamed::Outdated(files)) => prepared = files,
                Err(e) => break Err(e),
            }
        };
        self.store.end_bulk_load().await;
        let report = streamed?;
        for file in &report.files {
            tracing::info!(
                file = %file.file,
                kind = ?file.kind,
                rows = file.rows_read,
                imported = file.imported,
                rejected = file.rejected,
                commit,
                "imported"
            );
        }
        Ok(report)
    }

    /// Streams the prepared files into one transaction, committed when `commit` is set. A
    /// file whose whole survey changes its plan sends every file back to be streamed again,
    /// with nothing written.
    async fn stream(
        &self,
        prepared: Vec<Prepared>,
        control: &ImportControl,
        commit: bool,
        started: std::time::Instant,
    ) -> Result<Streamed> {
        let mut session = self
            .store
            .begin_import(
                prepared
                    .iter()
                    .map(|p| SessionFile {
                        file: p.sheet.file().to_string(),
                        kind: p.plan.kind.as_str(),
                        rows_read: p.sheet.rows(),
                    })
                    .collect(),
            )
            .await?;
        let mut problems: Vec<Vec<ImportProblem>> = vec![Vec::new(); prepared.len()];
        let mut unlisted = vec![0u32; prepared.len()];
        let files_total = prepared.len() as u32;
        // Files load in dependency order (deals and signals refer to reps and accounts); each
        // keeps its place in the input for the session and the report.
        let mut queue: Vec<(usize, Prepared)> = prepared.into_iter().enumerate().collect();
        queue.sort_by_key(|(_, p)| load_order(p.plan.kind));
        let mut finished: Vec<(usize, Prepared)> = Vec::with_capacity(queue.len());

        let mut queue = queue.into_iter().enumerate();
        while let Some((done_files, (index, file))) = queue.next() {
            let name = file.sheet.file().to_string();
            let (estimate, exact) = (file.sheet.rows(), file.sheet.surveyed_whole());
            let (sender, mut batches) = tokio::sync::mpsc::channel::<Batch>(2);
            let cancel = Arc::clone(&control.cancel);
            // Reading is CPU-bound and blocking; it runs beside the loading, a batch ahead.
            let reader = tokio::task::spawn_blocking(move || {
                let mut file = file;
                let rows = (BATCH_CELLS / file.sheet.headers().len().max(1)).clamp(1, BATCH_ROWS);
                let result = file.sheet.read(&file.plan, rows, |batch| {
                    if cancel.load(Ordering::Relaxed) || sender.blocking_send(batch).is_err() {
                        ControlFlow::Break(())
                    } else {
                        ControlFlow::Continue(())
                    }
                });
                (file, result)
            });

            let mut load_error = None;
            while let Some(batch) = batches.recv().await {
                let rejected = batch.problems.iter().filter(|p| p.rejected).count() as u32;
                let room = LISTED_PROBLEMS.saturating_sub(problems[index].len());
                // Column-wide notes are listed whatever the count of row problems before them:
                // a large file's come with its last batch.
                let (notes, rows): (Vec<&Problem>, Vec<&Problem>) =
                    batch.problems.iter().partition(|p| p.row.is_none());
                unlisted[index] += rows.len().saturating_sub(room) as u32;
                let listed = notes.into_iter().chain(rows.into_iter().take(room));
                problems[index].extend(listed.map(|p| ImportProblem {
                    file: name.clone(),
                    row: p.row,
                    column: p.column.clone(),
                    message: p.message.clone(),
                    rejected: p.rejected,
                }));
                if let Err(e) = session
                    .load(index, &batch.rows, &import_data(&batch.records), rejected)
                    .await
                {
                    load_error = Some(e);
                    break;
                }
                if let Some(progress) = &control.progress {
                    progress(ImportProgress {
                        file: name.clone(),
                        file_index: done_files as u32,
                        files: files_total,
                        rows_done: batch.rows_done,
                        rows_total: estimate.max(batch.rows_done),
                        rows_exact: exact,
                    });
                }
            }
            // Dropping the receiver stops a reader still sending after a load error.
            drop(batches);
            let (mut file, read) = reader.await.map_err(stopped)?;
            if let Some(e) = load_error {
                return Err(e.into());
            }
            match read.map_err(Error::NothingImported)? {
                ReadEnd::Done => {}
                ReadEnd::Stopped => return Err(Error::Cancelled),
                ReadEnd::Outdated => {
                    tracing::info!(
                        file = %name,
                        "the rest of the file reads differently from its first rows; \
                         reading every file again"
                    );
                    file.plan = file
                        .sheet
                        .plan(&read_options(&file.settings))
                        .map_err(Error::NothingImported)?;
                    file.sheet
                        .ready(&file.plan)
                        .map_err(Error::NothingImported)?;
                    let mut all: Vec<(usize, Prepared)> = finished;
                    // The files read to the end are surveyed whole now; planned again, their
                    // column-wide notes count the whole file.
                    for (_, done) in &mut all {
                        done.plan = done
                            .sheet
                            .plan(&read_options(&done.settings))
                            .map_err(Error::NothingImported)?;
                    }
                    all.push((index, file));
                    all.extend(queue.map(|(_, entry)| entry));
                    all.sort_by_key(|(index, _)| *index);
                    // Dropping the session rolls back what was loaded.
                    return Ok(Streamed::Outdated(
                        all.into_iter().map(|(_, file)| file).collect(),
                    ));
                }
            }
            session.set_rows_read(index, file.sheet.rows());
            if let (false, Some(progress)) = (exact, &control.progress) {
                // The read has counted the rows its estimate stood in for.
                progress(ImportProgress {
                    file: name.clone(),
                    file_index: done_files as u32,
                    files: files_total,
                    rows_done: file.sheet.rows(),
                    rows_total: file.sheet.rows(),
                    rows_exact: true,
                });
            }
            if file.chosen {
                session.remember_source(file.sheet.signature(), settings_json(&file.settings)?);
            }
            tracing::debug!(file = %name, elapsed = ?started.elapsed(), "streamed");
            finished.push((index, file));
        }
        if control.cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }

        let outcome = session.finish(&self.store, commit).await?;
        tracing::debug!(elapsed = ?started.elapsed(), commit, "finished");
        finished.sort_by_key(|(index, _)| *index);
        let files: Vec<Prepared> = finished.into_iter().map(|(_, file)| file).collect();
        Ok(Streamed::Done(streamed_report(
            &files, problems, &unlisted, &outcome,
        )))
    }

    /// What the app's import button does: import, rescore as of today, and re-plan.
    ///
    /// The import commits first. Should rescoring or re-planning then fail, the error says the
    /// files did land, so nobody imports them twice.
    pub async fn import_and_plan(&self, input: &ImportInput) -> Result<ImportReport> {
        self.import_and_plan_with(input, &ImportControl::default())
            .await
    }

    /// [`Workspace::import_and_plan`] with progress reports and a cancel flag.
    pub async fn import_and_plan_with(
        &self,
        input: &ImportInput,
        control: &ImportControl,
    ) -> Result<ImportReport> {
        let report = self.import_with(input, control, true).await?;
        let refreshed = match self.score(None).await {
            Ok(_) => self.assign().await.map(|_| ()),
            Err(e) => Err(e),
        };
        match refreshed {
            Ok(()) => Ok(report),
            Err(e) => Err(Error::AfterImport(Box::new(e))),
        }
    }

    /// The settings a file is read with: its own from the mapping screen, else the import's
    /// (the CLI's `--kind`, `--map` and column flags). The flag says whether any were given.
    async fn settings_for(&self, path: &str, input: &ImportInput) -> Result<(FileSettings, bool)> {
        if let Some(own) = input.files.iter().find(|f| f.path == path) {
            return Ok((own.clone(), true));
        }
        let given = input.kind.is_some() || !input.map.is_empty() || !input.columns.is_empty();
        Ok((
            FileSettings {
                path: path.to_string(),
                kind: input.kind,
                sheet: None,
                map: input.map.clone(),
                unmapped: Vec::new(),
                columns: input.columns.clone(),
            },
            given,
        ))
    }

    /// Reads a whole file the way the director last imported one of its source by hand: with
    /// the settings saved for its headers (the refresh has no one to ask). The inner result is
    /// the file's own: a file that cannot be read fails alone.
    pub(crate) async fn read_as_saved(
        &self,
        path: &Path,
    ) -> Result<std::result::Result<ParsedSheet, terrain_sheets::Error>> {
        let owned = path.to_path_buf();
        // Surveyed by its head, a large export is read once; `into_parsed` reads it again only
        // if the rest of it reads a column differently.
        let opened = tokio::task::spawn_blocking(move || terrain_sheets::open_head(&owned, None))
            .await
            .map_err(stopped)?;
        let sheet = match opened {
            Ok(sheet) => sheet,
            Err(e) => return Ok(Err(e)),
        };
        let options = self
            .saved_settings(&sheet, &path.display().to_string())
            .await?
            .map(|saved| read_options(&saved))
            .unwrap_or_default();
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || {
            // Settings saved for another worksheet of the workbook read that one.
            let sheet = match &options.sheet {
                Some(wanted) if sheet.sheet() != Some(wanted.as_str()) => {
                    match terrain_sheets::open(&path, Some(wanted)) {
                        // A later export without that tab is read by the sheet that matched.
                        Err(terrain_sheets::Error::NoSuchSheet { .. }) => sheet,
                        reopened => reopened?,
                    }
                }
                _ => sheet,
            };
            sheet.into_parsed(&options)
        })
        .await
        .map_err(stopped)
    }

    /// The settings saved for the source of a surveyed file, if any.
    async fn saved_settings(&self, sheet: &Sheet, path: &str) -> Result<Option<FileSettings>> {
        let Some(json) = self.store.saved_source(&sheet.signature()).await? else {
            return Ok(None);
        };
        // Settings saved by another version may not parse; they are then ignored, not fatal.
        Ok(serde_json::from_str::<FileSettings>(&json)
            .ok()
            .map(|saved| FileSettings {
                path: path.to_string(),
                ..saved
            }))
    }

    async fn prepare(&self, path: &str, input: &ImportInput) -> Result<Prepared> {
        let (settings, chosen) = self.settings_for(path, input).await?;
        let mut sheet = survey(PathBuf::from(path), settings.sheet.clone(), Survey::Head).await?;
        let settings = match (chosen, self.saved_settings(&sheet, path).await?) {
            (false, Some(stored)) => stored,
            _ => settings,
        };
        let mut plan = sheet
            .plan(&read_options(&settings))
            .map_err(Error::NothingImported)?;
        if !plan.questions.is_empty() && !sheet.surveyed_whole() {
            // The rest of the file may settle what its head leaves open, as the mapping
            // screen's whole survey would.
            sheet = survey(PathBuf::from(path), settings.sheet.clone(), Survey::Whole).await?;
            plan = sheet
                .plan(&read_options(&settings))
                .map_err(Error::NothingImported)?;
        }
        sheet.ready(&plan).map_err(Error::NothingImported)?;
        Ok(Prepared {
            sheet,
            plan,
            settings,
            chosen,
        })
    }
}

fn check_paths(input: &ImportInput) -> Result<()> {
    if input.paths.is_empty() {
        return Err(Error::BadInput("no files to import".into()));
    }
    Ok(())
}

/// How much of a file a survey reads.
#[derive(Clone, Copy)]
enum Survey {
    Whole,
    /// The head of a large text file, for an import: its read surveys the rest.
    Head,
}

fn stopped(e: tokio::task::JoinError) -> Error {
    Error::BadInput(format!("reading the files stopped unexpectedly: {e}"))
}

/// Opens and surveys a file off the async workers.
async fn survey(path: PathBuf, sheet: Option<String>, extent: Survey) -> Result<Sheet> {
    tokio::task::spawn_blocking(move || match extent {
        Survey::Whole => terrain_sheets::open(&path, sheet.as_deref()),
        Survey::Head => terrain_sheets::open_head(&path, sheet.as_deref()),
    })
    .await
    .map_err(stopped)?
    .map_err(Error::NothingImported)
}

/// Reps and accounts load before what refers to them, as the store orders one import's files.
pub(crate) fn load_order(kind: SheetKind) -> u8 {
    import_data(&Records::empty(kind)).order()
}

fn import_data(records: &Records) -> ImportData<'_> {
    match records {
        Records::Accounts(r) => ImportData::Accounts(r),
        Records::Reps(r) => ImportData::Reps(r),
        Records::Opportunities(r) => ImportData::Opportunities(r),
        Records::Signals(r) => ImportData::Signals(r),
        Records::Products(r) => ImportData::Products(r),
    }
}

fn settings_json(settings: &FileSettings) -> Result<String> {
    let stored = FileSettings {
        path: String::new(),
        ..settings.clone()
    };
    serde_json::to_string(&stored)
        .map_err(|e| Error::BadInput(format!("cannot save the import settings: {e}")))
}

pub(crate) fn read_options(settings: &FileSettings) -> ReadOptions {
    let columns = &settings.columns;
    ReadOptions {
        kind: settings.kind.map(sheet_kind),
        map: settings
            .map
            .iter()
            .map(|m| (m.field.clone(), m.header.clone()))
            .collect(),
        sheet: settings.sheet.clone(),
        unmapped: settings.unmapped.clone(),
        decimals: columns
            .iter()
            .filter_map(|c| {
                let decimal = match c.decimal? {
                    DecimalName::Dot => Decimal::Dot,
                    DecimalName::Comma => Decimal::Comma,
                };
                Some((c.header.clone(), decimal))
            })
            .collect(),
        date_orders: columns
            .iter()
            .filter_map(|c| {
                let order = match c.date_order? {
                    DateOrderName::DayFirst => DateOrder::DayFirst,
                    DateOrderName::MonthFirst => DateOrder::MonthFirst,
                };
                Some((c.header.clone(), order))
            })
            .collect(),
        serial_dates: columns
            .iter()
            .filter(|c| c.serial_dates)
            .map(|c| c.header.clone())
            .collect(),
    }
}

/// The mapping screen's view of one surveyed file.
fn file_view(path: &str, sheet: Sheet, settings: FileSettings, saved: bool) -> FileView {
    let planned = sheet.plan(&read_options(&settings));
    let (kind, error, fields_of_columns, questions) = match &planned {
        Ok(plan) => (
            Some(kind_name(plan.kind)),
            sheet.ready(plan).err().map(|e| e.to_string()),
            plan.fields.clone(),
            plan.questions.clone(),
        ),
        Err(e) => (
            None,
            Some(e.to_string()),
            vec![None; sheet.headers().len()],
            Vec::new(),
        ),
    };
    let columns = sheet
        .headers()
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let question = questions.iter().find(|q| &q.column == header);
            let reading = settings
                .columns
                .iter()
                .find(|c| &c.header == header)
                .cloned()
                .unwrap_or_else(|| ColumnReading {
                    header: header.clone(),
                    ..ColumnReading::default()
                });
            ColumnView {
                header: header.clone(),
                field: fields_of_columns[i].map(str::to_string),
                samples: sheet.samples(i).to_vec(),
                question: question.map(|q| match q.about {
                    QuestionAbout::DateOrder => QuestionKind::DateOrder,
                    QuestionAbout::Decimal => QuestionKind::Decimal,
                }),
                example: question.map(|q| q.example.clone()),
                example_row: question.map(|q| q.row),
                reading,
            }
        })
        .collect();
    FileView {
        path: path.to_string(),
        file: sheet.file().to_string(),
        kind,
        error,
        rows: sheet.rows(),
        sheets: sheet
            .sheets()
            .iter()
            .map(|s| SheetChoice {
                name: s.name.clone(),
                hidden: s.hidden,
            })
            .collect(),
        sheet: sheet.sheet().map(str::to_string),
        saved,
        fields: kind
            .map(|k| {
                terrain_sheets::field_names(sheet_kind(k))
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        columns,
        settings,
    }
}

/// The report of a streamed import, files in the order they were given.
fn streamed_report(
    files: &[Prepared],
    problems: Vec<Vec<ImportProblem>>,
    unlisted: &[u32],
    outcome: &LoadOutcome,
) -> ImportReport {
    let mut all = Vec::new();
    for (index, (mut listed, file)) in problems.into_iter().zip(files).enumerate() {
        listed.sort_by_key(|p| p.row);
        all.extend(listed);
        if unlisted[index] > 0 {
            all.push(ImportProblem {
                file: file.sheet.file().to_string(),
                row: None,
                column: None,
                message: format!(
                    "{} more problems of this file are not listed",
                    unlisted[index]
                ),
                rejected: false,
            });
        }
    }
    all.extend(outcome.problems.iter().map(|p| ImportProblem {
        file: files[p.file].sheet.file().to_string(),
        row: p.row,
        column: p.column.clone(),
        message: p.message.clone(),
        rejected: p.rejected,
    }));
    let files = files
        .iter()
        .zip(&outcome.files)
        .map(|(file, load)| FileReport {
            file: file.sheet.file().to_string(),
            kind: kind_name(file.plan.kind),
            rows_read: file.sheet.rows(),
            imported: load.imported,
            rejected: load.rejected,
            custom_fields: file.plan.custom_fields(),
        })
        .collect();
    ImportReport {
        files,
        problems: all,
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
