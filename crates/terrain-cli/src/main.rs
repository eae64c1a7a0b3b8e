//! `terrain`: the same use cases as the desktop app, headless, on the same workspace file.
//!
//! Scripts and schedulers rely on this command line; extend it, never break it.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use terrain::importing::ImportControl;
use terrain::views::{
    ApplyReviewInput, ChangeSetFormat, ChangeSetInput, ColumnReading, Comparison, DailyReview,
    DateOrderName, DecimalName, ExportInput, FieldMap, FileSettings, ImportInput, ImportProgress,
    ImportReport, MergeInput, MergeProposal, Period, RealignInput, RefreshReport, RestoreInput,
    ReviewPackInput, SheetKindName, Strategy,
};
use terrain::Workspace;

#[derive(Parser)]
#[command(
    name = "terrain",
    version,
    about = "Dynamic sales territories, from the command line"
)]
struct Cli {
    /// The workspace file (created when missing).
    #[arg(long, global = true, value_name = "FILE")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import CSV or XLSX files of reps, accounts, opportunities, signals or products, all in
    /// one transaction.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The kind of every file; detected from the headers when omitted.
        #[arg(long, value_enum)]
        kind: Option<Kind>,
        /// Use HEADER for FIELD, e.g. `--map id="Prospect ID"`.
        #[arg(long = "map", value_name = "FIELD=HEADER")]
        maps: Vec<String>,
        /// The decimal separator of a number column: `comma` (1.000,50) or `dot` (1,000.50),
        /// e.g. `--decimal "Amount=comma"`.
        #[arg(long = "decimal", value_name = "HEADER=comma|dot")]
        decimals: Vec<String>,
        /// How a date column is written: `day-first`, `month-first`, or `excel` when its bare
        /// numbers are Excel serial dates, e.g. `--dates "Close Date=day-first"`.
        #[arg(long = "dates", value_name = "HEADER=day-first|month-first|excel")]
        dates: Vec<String>,
        /// The worksheet to read in a workbook; by default the first visible one.
        #[arg(long)]
        sheet: Option<String>,
        /// Report what the import would land, and write nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Score every account and store the snapshot.
    Score {
        /// Score as of this date instead of today.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        as_of: Option<NaiveDate>,
    },
    /// Train the readiness model on the workspace's own won and lost history and report on it:
    /// holdout AUC, calibration, lift, importances and leakage suspects.
    Model {
        #[arg(long)]
        json: bool,
    },
    /// Build the active plan from the latest scores.
    Assign,
    /// Static territories, round-robin and Terrain's dynamic plan side by side, from the CRM's
    /// owners: expected value captured, balance and moves. Changes no plan.
    Compare {
        #[arg(long)]
        json: bool,
    },
    /// Quarterly realignment: builds a draft plan from scratch (replacing any earlier draft)
    /// and sets it beside the active plan. The active plan is not touched.
    Realign {
        /// When the new plan takes effect (YYYY-MM-DD); the next quarter's first day if left out.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        effective: Option<NaiveDate>,
        /// The balance band as a fraction of the mean, e.g. 0.1 for ±10%.
        #[arg(long)]
        band: Option<f64>,
        /// Keep the active plan's locked accounts where they are.
        #[arg(long)]
        keep_locks: bool,
        #[arg(long)]
        json: bool,
    },
    /// Makes the draft the active plan, after a backup copy of the workspace; `undo` reverts it.
    Activate,
    /// The daily review: what surged or cooled since the last review, reps over capacity, and
    /// today's proposed moves, each with its reason.
    Review {
        #[arg(long)]
        json: bool,
        /// Accept every proposal and finish the review.
        #[arg(long)]
        apply: bool,
    },
    /// Territory figures per rep, team, region and plan.
    Metrics {
        #[arg(long)]
        json: bool,
        /// Count opportunities closed on or after this date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<NaiveDate>,
        /// Count opportunities closed on or before this date.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<NaiveDate>,
    },
    /// Export the active plan: `.xlsx` (summary and accounts) or `.csv` (accounts).
    Export { path: PathBuf },
    /// Write only the owner changes of the active plan, for the CRM: since a day, since an
    /// earlier plan, or since the active plan began when neither is given.
    Changes {
        out: PathBuf,
        /// salesforce: `Id,OwnerId`; hubspot: `Record ID,Company owner`; xlsx: for people.
        /// From the extension when omitted: `.xlsx` is xlsx, `.csv` salesforce.
        #[arg(long, value_enum)]
        format: Option<ChangeFormat>,
        /// Changes made on or after this day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day, conflicts_with = "since_plan")]
        since: Option<NaiveDate>,
        /// Compare with this earlier plan instead.
        #[arg(long, value_name = "ID")]
        since_plan: Option<i64>,
    },
    /// Import the new files of the watched folder, rescore as of today and write the daily
    /// review to `reviews/review-YYYY-MM-DD.json` there: what a scheduler runs each morning.
    Refresh {
        /// Watch this folder from now on; the one set before when omitted.
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Write the review pack into a folder: a PNG of every chart and a workbook of the figures
    /// with native charts.
    ReviewPack {
        folder: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        from: Option<NaiveDate>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
        to: Option<NaiveDate>,
    },
    /// Accounts that look like one company, as imports proposed them: list the groups, merge
    /// one into a single account, or keep one apart for good.
    Merges {
        /// Merge the accounts of proposal ID into one.
        #[arg(long, value_name = "ID", conflicts_with = "reject")]
        accept: Option<i64>,
        /// With --accept, the account to keep (its id as listed); the group's first otherwise.
        #[arg(long, value_name = "ACCOUNT", requires = "accept")]
        keep: Option<i64>,
        /// Keep the accounts of proposal ID apart; they are not proposed together again.
        #[arg(long, value_name = "ID")]
        reject: Option<i64>,
        /// List the proposals as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the workspace's backup copies, newest first: when, why, size and name.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Make a verified backup copy of the workspace now.
    Backup,
    /// Replace the workspace with a backup copy (a name from `terrain backups`, or a path).
    /// The state it replaces is kept as a backup first.
    Restore { backup: String },
    /// Undo the latest move, lock or re-plan.
    Undo,
    /// Redo what the latest undo reverted.
    Redo,
    /// Create the built-in demo workspace.
    Demo,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Accounts,
    Reps,
    Opportunities,
    Signals,
    Products,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChangeFormat {
    Salesforce,
    Hubspot,
    Xlsx,
}

impl From<ChangeFormat> for ChangeSetFormat {
    fn from(format: ChangeFormat) -> Self {
        match format {
            ChangeFormat::Salesforce => ChangeSetFormat::Salesforce,
            ChangeFormat::Hubspot => ChangeSetFormat::Hubspot,
            ChangeFormat::Xlsx => ChangeSetFormat::Xlsx,
        }
    }
}

impl From<Kind> for SheetKindName {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Accounts => SheetKindName::Accounts,
            Kind::Reps => SheetKindName::Reps,
            Kind::Opportunities => SheetKindName::Opportunities,
            Kind::Signals => SheetKindName::Signals,
            Kind::Products => SheetKindName::Products,
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("TERRAIN_LOG")
                // The command prints its own outcome and errors; logs are for TERRAIN_LOG=debug.
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("off")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("terrain: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("terrain: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let Some(db) = cli.db else {
        return Err("--db FILE is required: the workspace to work on".into());
    };
    if let Command::Demo = cli.command {
        let workspace = Workspace::create_demo(&db)
            .await
            .map_err(|e| e.to_string())?;
        let summary = workspace.summary().await.map_err(|e| e.to_string())?;
        println!(
            "created the demo workspace {}: {} reps, {} accounts, {} opportunities, {} signals",
            db.display(),
            summary.reps,
            summary.accounts,
            summary.opportunities,
            summary.signals
        );
        workspace.close().await;
        return Ok(());
    }
    let workspace = Workspace::open(&db)
        .await
        .map_err(|e| naming_the_workspace(&db, e))?;
    let health = workspace.health().await.map_err(|e| e.to_string())?;
    if let Some(damage) = &health.damage {
        eprintln!(
            "terrain: warning: workspace {} is damaged ({damage}); it is open read-only. \
             `terrain backups` lists the copies to restore with `terrain restore NAME`",
            db.display()
        );
    } else if !matches!(
        cli.command,
        Command::Backups { .. } | Command::Backup | Command::Restore { .. }
    ) {
        // The first use of a day leaves a copy of the day; failing to make one is worth a
        // warning, not the command the user asked for.
        if let Err(e) = workspace.daily_backup().await {
            eprintln!("terrain: warning: the daily backup was not made: {e}");
        }
    }
    let result = execute(&workspace, cli.command).await;
    workspace.close().await;
    result
}

/// An error as printed; one about the workspace's disk being full says which file could not
/// grow, since the store's own message cannot know it.
fn naming_the_workspace(db: &Path, error: terrain::Error) -> String {
    if error.is_disk_full() {
        format!("{}: {error}", db.display())
    } else {
        error.to_string()
    }
}

/// `--decimal` and `--dates` as column readings, one per header.
fn column_readings(decimals: &[String], dates: &[String]) -> Result<Vec<ColumnReading>, String> {
    fn column<'a>(columns: &'a mut Vec<ColumnReading>, header: &str) -> &'a mut ColumnReading {
        let header = header.trim();
        let at = match columns.iter().position(|c| c.header == header) {
            Some(i) => i,
            None => {
                columns.push(ColumnReading {
                    header: header.to_string(),
                    ..ColumnReading::default()
                });
                columns.len() - 1
            }
        };
        &mut columns[at]
    }
    let mut columns = Vec::new();
    for d in decimals {
        let (header, value) = d.rsplit_once('=').unwrap_or((d, ""));
        column(&mut columns, header).decimal = Some(match value.trim() {
            "comma" => DecimalName::Comma,
            "dot" | "point" => DecimalName::Dot,
            _ => {
                return Err(format!(
                    "--decimal {d}: expected HEADER=comma or HEADER=dot"
                ))
            }
        });
    }
    for d in dates {
        let (header, value) = d.rsplit_once('=').unwrap_or((d, ""));
        let reading = column(&mut columns, header);
        match value.trim() {
            "day-first" | "dmy" => reading.date_order = Some(DateOrderName::DayFirst),
            "month-first" | "mdy" => reading.date_order = Some(DateOrderName::MonthFirst),
            "excel" => reading.serial_dates = true,
            _ => {
                return Err(format!(
                    "--dates {d}: expected HEADER=day-first, HEADER=month-first or HEADER=excel"
                ))
            }
        }
    }
    Ok(columns)
}

/// One line on the terminal, rewritten as an import goes.
fn show_progress(p: ImportProgress) {
    let percent = if p.rows_total == 0 {
        100
    } else {
        u64::from(p.rows_done) * 100 / u64::from(p.rows_total)
    };
    eprint!(
        "\r{} ({} of {}): {} of {}{} rows, {percent}%   ",
        p.file,
        p.file_index + 1,
        p.files,
        p.rows_done,
        if p.rows_exact { "" } else { "about " },
        p.rows_total
    );
}

async fn execute(workspace: &Workspace, command: Command) -> Result<(), String> {
    let fail = |e: terrain::Error| naming_the_workspace(workspace.path(), e);
    match command {
        Command::Import {
            paths,
            kind,
            maps,
            decimals,
            dates,
            sheet,
            preview,
        } => {
            let map = maps
                .iter()
                .map(|m| match m.split_once('=') {
                    Some((field, header)) if !field.trim().is_empty() => Ok(FieldMap {
                        field: field.trim().to_string(),
                        header: header.trim().to_string(),
                    }),
                    _ => Err(format!(
                        "--map {m}: expected FIELD=HEADER, e.g. id=\"Prospect ID\""
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let columns = column_readings(&decimals, &dates)?;
            let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let files = match sheet {
                Some(sheet) => paths
                    .iter()
                    .map(|path| FileSettings {
                        path: path.clone(),
                        kind: kind.map(Into::into),
                        sheet: Some(sheet.clone()),
                        map: map.clone(),
                        unmapped: Vec::new(),
                        columns: columns.clone(),
                    })
                    .collect(),
                None => Vec::new(),
            };
            let input = ImportInput {
                paths,
                kind: kind.map(Into::into),
                map,
                columns,
                files,
            };
            let control = ImportControl {
                progress: std::io::stderr()
                    .is_terminal()
                    .then(|| Arc::new(show_progress) as Arc<dyn Fn(ImportProgress) + Send + Sync>),
                ..ImportControl::default()
            };
            let report = workspace
                .import_with(&input, &control, !preview)
                .await
                .map_err(fail)?;
            if control.progress.is_some() {
                eprintln!();
            }
            if preview {
                println!("preview: nothing was written");
            }
            print_report(&report);
        }
        Command::Score { as_of } => {
            let count = workspace.score(as_of).await.map_err(fail)?;
            let summary = workspace.summary().await.map_err(fail)?;
            println!(
                "scored {count} accounts as of {}",
                summary.scored_as_of.unwrap_or_default()
            );
            println!("{}", summary.scoring_note);
        }
        Command::Assign => {
            let change = workspace.assign().await.map_err(fail)?;
            println!(
                "{}: {} moves; {} accounts in books, {} in the pool",
                change.plan.name, change.moved, change.assigned, change.pooled
            );
            match change.bound_gap {
                Some(gap) => println!(
                    "expected value in books {:.0}; within {:.2}% of the best possible plan",
                    change.expected_value,
                    gap * 100.0
                ),
                None => println!(
                    "expected value in books {:.0}; the balance band cannot be met for {} reps",
                    change.expected_value, change.outside_band
                ),
            }
        }
        Command::Model { json } => {
            let report = workspace.model_report().await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_model(&report);
            }
        }
        Command::Compare { json } => {
            let comparison = workspace.compare().await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&comparison).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_comparison(&comparison);
            }
        }
        Command::Realign {
            effective,
            band,
            keep_locks,
            json,
        } => {
            let input = RealignInput {
                effective: effective.map(|d| d.to_string()),
                band,
                keep_locks,
            };
            let draft = workspace.create_realignment(&input).await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&draft).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_draft(&draft);
            }
        }
        Command::Activate => {
            let activation = workspace.activate_draft(None).await.map_err(fail)?;
            println!(
                "{} is active from {}: {} owner changes",
                activation.plan.name, activation.plan.effective, activation.moves
            );
            if let Some(backup) = &activation.backup {
                println!("a copy of the workspace from before is at {backup}");
            }
        }
        Command::Review { json, apply } => {
            let review = workspace.daily_review().await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&review).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                print_review(&review);
            }
            if apply {
                let applied = workspace
                    .apply_review(&ApplyReviewInput::default())
                    .await
                    .map_err(fail)?;
                // With --json, stdout stays one JSON document; the outcome goes to stderr.
                let line = match applied.applied {
                    1 => "accepted 1 move; the review is finished".to_string(),
                    n => format!("accepted {n} moves; the review is finished"),
                };
                if json {
                    eprintln!("{line}");
                } else {
                    println!("{line}");
                }
            }
        }
        Command::Metrics { json, from, to } => {
            let period = Period {
                from: from.map(|d| d.to_string()),
                to: to.map(|d| d.to_string()),
            };
            let metrics = workspace.metrics(&period).await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&metrics).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                println!(
                    "{:<28} {:>8} {:>6} {:>6} {:>10} {:>12} {:>14}",
                    "", "accounts", "won", "lost", "conversion", "median days", "won revenue"
                );
                let line = |r: &terrain::views::MetricsRow| {
                    println!(
                        "{:<28} {:>8} {:>6} {:>6} {:>10} {:>12} {:>14.0}",
                        r.name,
                        r.accounts,
                        r.won,
                        r.lost,
                        r.conversion_rate
                            .map_or("-".into(), |c| format!("{:.1}%", c * 100.0)),
                        r.median_days_to_close
                            .map_or("-".into(), |d| format!("{d:.0}")),
                        r.won_revenue
                    )
                };
                line(&metrics.overall);
                for (title, rows) in [
                    ("by plan", &metrics.by_plan),
                    ("by region", &metrics.by_region),
                    ("by team", &metrics.by_team),
                    ("by rep", &metrics.by_rep),
                ] {
                    println!("\n{title}");
                    rows.iter().for_each(line);
                }
            }
        }
        Command::Export { path } => {
            let result = workspace
                .export(&ExportInput {
                    path: path.display().to_string(),
                })
                .await
                .map_err(fail)?;
            println!("exported {} accounts to {}", result.accounts, result.path);
        }
        Command::Changes {
            out,
            format,
            since,
            since_plan,
        } => {
            let format = match format {
                Some(format) => format.into(),
                None => format_of(&out)?,
            };
            let written = workspace
                .write_change_set(&ChangeSetInput {
                    path: out.display().to_string(),
                    format,
                    since_date: since.map(|d| d.to_string()),
                    since_plan,
                })
                .await
                .map_err(fail)?;
            println!("wrote {} accounts to {}", written.rows, written.path);
            println!("{}", written.note);
        }
        Command::Refresh { folder } => {
            let report = workspace.refresh(folder.as_deref()).await.map_err(fail)?;
            print_refresh(&report);
            match report.failed.len() {
                0 => {}
                1 => return Err("1 file could not be imported".into()),
                n => return Err(format!("{n} files could not be imported")),
            }
        }
        Command::ReviewPack { folder, from, to } => {
            let input = ReviewPackInput {
                folder: folder.display().to_string(),
                period: Period {
                    from: from.map(|d| d.to_string()),
                    to: to.map(|d| d.to_string()),
                },
            };
            let result = workspace.export_review_pack(&input).await.map_err(fail)?;
            println!("wrote {} files to {}", result.files.len(), result.folder);
        }
        Command::Merges {
            accept,
            keep,
            reject,
            json,
        } => {
            if let Some(proposal) = accept {
                let merged = workspace
                    .merge_accounts(&MergeInput { proposal, keep })
                    .await
                    .map_err(fail)?;
                println!(
                    "merged {} into {} (account {}): {} and {} moved",
                    plural(merged.merged, "account", "accounts"),
                    merged.name,
                    merged.kept,
                    plural(merged.opportunities_moved, "opportunity", "opportunities"),
                    plural(merged.signals_moved, "signal", "signals"),
                );
                if let Some(as_of) = merged.rescored_as_of {
                    println!("rescored as of {as_of}");
                }
            } else if let Some(proposal) = reject {
                workspace.keep_apart(proposal).await.map_err(fail)?;
                println!(
                    "kept the accounts of proposal {proposal} apart; they will not be proposed \
                     together again"
                );
            } else {
                let proposals = workspace.merge_proposals().await.map_err(fail)?;
                if json {
                    let text =
                        serde_json::to_string_pretty(&proposals).map_err(|e| e.to_string())?;
                    println!("{text}");
                } else {
                    print_merges(&proposals);
                }
            }
        }
        Command::Backups { json } => {
            let backups = workspace.backups().await.map_err(fail)?;
            if json {
                let text = serde_json::to_string_pretty(&backups).map_err(|e| e.to_string())?;
                println!("{text}");
            } else if backups.is_empty() {
                println!("no backups yet; `terrain backup` makes one");
            } else {
                for backup in &backups {
                    let taken = chrono::DateTime::parse_from_rfc3339(&backup.taken)
                        .map(|t| {
                            t.with_timezone(&chrono::Local)
                                .format("%Y-%m-%d %H:%M")
                                .to_string()
                        })
                        .unwrap_or_else(|_| backup.taken.clone());
                    let note = if backup.restorable {
                        ""
                    } else {
                        " (kept, not restorable)"
                    };
                    println!(
                        "{taken}  {:>9}  {}{note}\n                   {}",
                        size(backup.bytes),
                        backup.reason,
                        backup.name
                    );
                }
            }
        }
        Command::Backup => {
            let backup = workspace.back_up_now().await.map_err(fail)?;
            println!(
                "backed up and verified: {} ({})",
                backup.path,
                size(backup.bytes)
            );
        }
        Command::Restore { backup } => {
            let restored = workspace
                .restore(&RestoreInput { backup })
                .await
                .map_err(fail)?;
            println!("restored {}", restored.restored.path);
            if let Some(replaced) = restored.replaced {
                println!("the state it replaced is kept as {}", replaced.path);
            }
        }
        Command::Undo => {
            let before = workspace.history().await.map_err(fail)?;
            let Some(label) = before.undo_label else {
                return Err("nothing to undo".into());
            };
            workspace.undo().await.map_err(fail)?;
            println!("undid: {label}");
        }
        Command::Redo => {
            let before = workspace.history().await.map_err(fail)?;
            let Some(label) = before.redo_label else {
                return Err("nothing to redo".into());
            };
            workspace.redo().await.map_err(fail)?;
            println!("redid: {label}");
        }
        Command::Demo => {
            return Err("demo creates a new workspace; run `terrain demo --db FILE`".into())
        }
    }
    Ok(())
}

/// A file size for people: 412 KB, 38.2 MB.
fn size(bytes: u64) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    match bytes {
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / MB),
    }
}

/// The change-set format a file name implies.
fn format_of(path: &Path) -> Result<ChangeSetFormat, String> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx") => Ok(ChangeSetFormat::Xlsx),
        Some("csv") => Ok(ChangeSetFormat::Salesforce),
        _ => Err(format!(
            "{}: say the format with --format salesforce|hubspot|xlsx, or end the name in \
             .csv (salesforce) or .xlsx",
            path.display()
        )),
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

fn print_merges(proposals: &[MergeProposal]) {
    if proposals.is_empty() {
        println!("no accounts look like duplicates");
        return;
    }
    println!(
        "{} of accounts that look like one company:",
        plural(proposals.len() as u32, "group", "groups")
    );
    for proposal in proposals {
        println!("\nproposal {}: {}", proposal.id, proposal.reason);
        for (i, account) in proposal.accounts.iter().enumerate() {
            println!(
                "  account {:<6} {:<32} key {:<20} {:<24} {}{}",
                account.id,
                account.name,
                account.key,
                account.website.as_deref().unwrap_or("-"),
                plural(account.opportunities, "opportunity", "opportunities"),
                if i == 0 { "  (kept)" } else { "" }
            );
        }
    }
    println!(
        "\nmerge a group with `terrain merges --accept ID [--keep ACCOUNT]`, or keep it apart \
         with `terrain merges --reject ID`"
    );
}

fn print_refresh(report: &RefreshReport) {
    let files = |n: usize| match n {
        1 => "1 file".to_string(),
        n => format!("{n} files"),
    };
    println!(
        "refreshed from {}: {} imported, {} imported before, {} failed",
        report.folder,
        files(report.imported.len()),
        files(report.already_imported as usize),
        report.failed.len()
    );
    if !report.imported.is_empty() {
        print_report(&ImportReport {
            files: report.imported.clone(),
            problems: report.problems.clone(),
        });
    }
    // Each message names its file, and its row or column when the reader blamed one.
    for failure in &report.failed {
        eprintln!("{}", failure.message);
    }
    println!("scored {} accounts as of {}", report.scored, report.as_of);
    println!(
        "daily review: {} proposed moves, written to {}",
        report.proposals, report.review
    );
}

fn print_comparison(comparison: &Comparison) {
    println!(
        "{:<12} {:>14} {:>7} {:>8} {:>7} {:>7} {:>6} {:>8} {:>8} {:>7}",
        "strategy",
        "expected value",
        "share",
        "in books",
        "pooled",
        "EV CV",
        "Gini",
        "max/min",
        "off band",
        "moves"
    );
    for s in &comparison.strategies {
        let name = match s.name {
            Strategy::Static => "static",
            Strategy::RoundRobin => "round-robin",
            Strategy::Dynamic => "dynamic",
            Strategy::Realignment => "realignment",
        };
        println!(
            "{:<12} {:>14.0} {:>6.1}% {:>8} {:>7} {:>6.1}% {:>6.3} {:>8} {:>8} {:>7}",
            name,
            s.expected_value,
            s.expected_value_share * 100.0,
            s.in_books,
            s.pooled,
            s.balance.cv * 100.0,
            s.balance.gini,
            s.balance.max_min.map_or("-".into(), |r| format!("{r:.2}x")),
            s.balance.reps_outside_band,
            s.moves
        );
    }
    println!(
        "\n{} accounts, {} reps; scores as of {}; static territories by {}; accounts below \
         readiness {:.2} stay in the pool; band ±{:.0}%",
        comparison.accounts,
        comparison.reps,
        comparison
            .scored_as_of
            .as_deref()
            .unwrap_or("(never scored)"),
        comparison.static_by,
        comparison.pool_below,
        comparison.band * 100.0
    );
    println!("{}", comparison.headline);
}

fn print_report(report: &ImportReport) {
    for file in &report.files {
        println!(
            "{}: {:?}, {} rows read, {} imported, {} rejected",
            file.file, file.kind, file.rows_read, file.imported, file.rejected
        );
        if !file.custom_fields.is_empty() {
            println!("  kept as custom fields: {}", file.custom_fields.join(", "));
        }
    }
    if report.problems.is_empty() {
        return;
    }
    println!("\n{} problems:", report.problems.len());
    // Problems that repeat (a blank account on 1,425 rows) show their first rows and a count,
    // so the rare ones stay visible; the app lists every row.
    let mut seen: Vec<(&str, Option<&str>, &str, usize)> = Vec::new();
    for p in &report.problems {
        let key = (p.file.as_str(), p.column.as_deref(), p.message.as_str());
        match seen.iter_mut().find(|s| (s.0, s.1, s.2) == key) {
            Some(entry) => entry.3 += 1,
            None => seen.push((key.0, key.1, key.2, 1)),
        }
        let shown = seen
            .iter()
            .find(|s| (s.0, s.1, s.2) == key)
            .map_or(0, |s| s.3);
        if shown <= 3 {
            let row = p.row.map(|r| format!(", row {r}")).unwrap_or_default();
            let column = p
                .column
                .as_ref()
                .map(|c| format!(", column \"{c}\""))
                .unwrap_or_default();
            let verdict = if p.rejected { "rejected" } else { "kept" };
            println!("  {}{row}{column}: {} ({verdict})", p.file, p.message);
        }
    }
    for (file, _, message, count) in seen.iter().filter(|s| s.3 > 3) {
        println!("  {file}: {} more rows like \"{message}\"", count - 3);
    }
}

fn print_model(report: &terrain::views::ModelReport) {
    println!("{}", report.message);
    if let Some(auc) = report.auc {
        println!(
            "holdout ({}): {} rows; AUC {auc:.3}",
            report.holdout, report.holdout_rows
        );
        for candidate in &report.candidates {
            println!("  {:<22} AUC {:.3}", candidate.model, candidate.auc);
        }
    }
    if !report.leakage_suspects.is_empty() {
        println!("left out as leakage suspects:");
        for suspect in &report.leakage_suspects {
            println!("  {}: {}", suspect.feature, suspect.reason);
        }
    }
    if !report.importances.is_empty() {
        println!("most important features:");
        for importance in report.importances.iter().take(8) {
            println!(
                "  {:<40} {:>5.1}%",
                importance.feature,
                importance.importance * 100.0
            );
        }
    }
}

fn print_draft(draft: &terrain::views::DraftComparison) {
    println!(
        "{} (draft, effective {}) beside {}",
        draft.draft.name, draft.draft.effective, draft.active.name
    );
    println!("{}\n", draft.headline);
    println!(
        "{:<28} {:>8} {:>8} {:>6} {:>6} {:>14} {:>14}",
        "rep", "today", "draft", "in", "out", "EV today", "EV draft"
    );
    for rep in &draft.reps {
        println!(
            "{:<28} {:>8} {:>8} {:>6} {:>6} {:>14.0} {:>14.0}",
            rep.rep,
            rep.active_accounts,
            rep.draft_accounts,
            rep.moves_in,
            rep.moves_out,
            rep.active_value,
            rep.draft_value
        );
    }
    println!("\nedit it in the app, or make it active with `terrain activate`");
}

fn print_review(review: &DailyReview) {
    match &review.since {
        Some(since) => println!(
            "daily review of the scores of {}, since {since}",
            review.as_of
        ),
        None => println!(
            "daily review of the scores of {} (the first: nothing to compare with yet)",
            review.as_of
        ),
    }
    let shifts = |title: &str, list: &[terrain::views::ScoreShift]| {
        if list.is_empty() {
            return;
        }
        println!("\n{title} ({})", list.len());
        for s in list.iter().take(10) {
            println!(
                "  {:<32} {:.2} -> {:.2}  {}",
                s.account, s.before, s.after, s.why
            );
        }
        if list.len() > 10 {
            println!("  and {} more", list.len() - 10);
        }
    };
    shifts("surged", &review.surged);
    shifts("cooled", &review.cooled);
    for rep in &review.over_capacity {
        println!(
            "\n{} is over capacity: {} accounts for room of {}",
            rep.rep, rep.accounts, rep.capacity
        );
    }
    let pool = |name: &str| {
        if name.is_empty() {
            "the pool".to_string()
        } else {
            name.to_string()
        }
    };
    if review.proposals.is_empty() {
        println!("\nno moves proposed");
    } else {
        println!(
            "\n{} moves proposed (budget {} a day, {} taken today):",
            review.proposals.len(),
            review.budget,
            review.moved_today
        );
        // The reason names where the account goes ("to Ana Ortiz: readiness 0.79, …").
        for p in &review.proposals {
            println!("  {:<32} from {}, {}", p.account, pool(&p.from), p.reason);
        }
    }
}

/// A day as the command line takes it, with a message that says how to write one.
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("\"{text}\" is not a day; write it as YYYY-MM-DD, e.g. 2026-12-31"))
}
