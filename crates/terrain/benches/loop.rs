//! `make bench`: the first loop at scale, timed on this machine.
//!
//! Builds synthetic workspaces of 10,000 and 100,000 accounts on disk, then times each use case
//! the director waits on: import, scoring, assignment, the board, and one drag-and-drop move
//! from command to updated balance figures (p50 and p95 over repeated moves). It also times
//! scoring 1M accounts in the core alone; the engine has its own bench in `terrain-core`.
//! "Rebalance around my edit" times the re-plan after a director's few hand moves, which lock.
//!
//! One part runs alone when named: `cargo bench -p terrain --bench loop -- rebalance` (the
//! 10k workspace, which the rebalance is measured on), `-- 10k`, `-- 100k` or `-- core`.

use std::time::{Duration, Instant};

use terrain::views::MoveInput;
use terrain::Workspace;
use terrain_core::records::Outcome;
use terrain_core::score::{
    score_accounts, AccountProfile, Deal, ScoringInput, ScoringSettings, WeeklySignals,
};
use terrain_model::{train, Column, Frame, Options, Raw};

mod support;
use support::{as_of, Book, INDUSTRIES};

fn report(what: &str, elapsed: Duration) {
    println!("{what:<58} {:>10.1} ms", elapsed.as_secs_f64() * 1e3);
}

async fn workspace_bench(accounts: usize, reps: usize) {
    let dir = std::env::temp_dir().join(format!("terrain-bench-{accounts}"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    let Ok(workspace) = Workspace::open(&dir.join("bench.terrain")).await else {
        println!("cannot open a workspace in {}", dir.display());
        return;
    };
    let book = Book::new(accounts, reps);
    let label = format!("{}k accounts, {reps} reps", accounts / 1000);

    let started = Instant::now();
    let loaded = workspace.store().import(&book.files()).await;
    if let Err(e) = loaded {
        println!("import failed: {e}");
        return;
    }
    report(&format!("{label}: load records"), started.elapsed());

    let started = Instant::now();
    if workspace.score(Some(as_of())).await.is_err() {
        return;
    }
    report(
        &format!("{label}: score and store the snapshot"),
        started.elapsed(),
    );

    let started = Instant::now();
    if workspace.assign().await.is_err() {
        return;
    }
    report(&format!("{label}: first assignment"), started.elapsed());

    let started = Instant::now();
    let _ = workspace.assign().await;
    report(
        &format!("{label}: second assignment (no moves)"),
        started.elapsed(),
    );

    let started = Instant::now();
    let Ok(board) = workspace.board().await else {
        return;
    };
    report(&format!("{label}: territories board"), started.elapsed());

    let mut times = Vec::new();
    let cards: Vec<i64> = board
        .reps
        .iter()
        .flat_map(|r| r.accounts.iter().map(|c| c.id))
        .take(40)
        .collect();
    for (i, card) in cards.iter().enumerate() {
        let to = board.reps[i % board.reps.len()].id;
        let started = Instant::now();
        let moved = workspace
            .move_accounts(&MoveInput {
                account_ids: vec![*card],
                to_rep: Some(to),
                draft: None,
            })
            .await;
        times.push(started.elapsed());
        if moved.is_err() {
            break;
        }
    }
    times.sort();
    if !times.is_empty() {
        report(
            &format!("{label}: one move to updated balance, p50"),
            times[times.len() / 2],
        );
        report(
            &format!("{label}: one move to updated balance, p95"),
            times[times.len() * 95 / 100],
        );
    }

    // The moves above locked their accounts; re-planning optimises everything else around them.
    let started = Instant::now();
    match workspace.assign().await {
        Ok(change) => report(
            &format!(
                "{label}: re-plan around {} locked edits ({} moves)",
                cards.len(),
                change.moved
            ),
            started.elapsed(),
        ),
        Err(e) => println!("re-plan failed: {e}"),
    }

    // Rebalance around my edit: the director drags the 25 readiest accounts of the poorest book
    // onto the richest, which locks them and pushes both books out of the band, and re-plans;
    // the engine must move other accounts to restore balance around the locked ones. Timed over
    // a few rounds, each with a fresh drag.
    const EDIT: usize = 25;
    let mut rebalance = Vec::new();
    let mut moves = 0;
    for _ in 0..5 {
        let Ok(board) = workspace.board().await else {
            break;
        };
        let by_value = |a: &&terrain::views::RepColumn, b: &&terrain::views::RepColumn| {
            a.expected_value.total_cmp(&b.expected_value)
        };
        let (Some(rich), Some(poor)) = (
            board.reps.iter().max_by(by_value),
            board.reps.iter().min_by(by_value),
        ) else {
            break;
        };
        let edit: Vec<i64> = poor
            .accounts
            .iter()
            .filter(|c| !c.locked)
            .take(EDIT)
            .map(|c| c.id)
            .collect();
        let moved = workspace
            .move_accounts(&MoveInput {
                account_ids: edit,
                to_rep: Some(rich.id),
                draft: None,
            })
            .await;
        if moved.is_err() {
            break;
        }
        let started = Instant::now();
        let Ok(change) = workspace.assign().await else {
            break;
        };
        rebalance.push(started.elapsed());
        moves += change.moved;
    }
    rebalance.sort();
    if let (Some(median), Some(worst)) = (rebalance.get(rebalance.len() / 2), rebalance.last()) {
        report(
            &format!(
                "{label}: rebalance around a drag of {EDIT}, p50 ({} rounds, {moves} moves)",
                rebalance.len()
            ),
            *median,
        );
        report(
            &format!("{label}: rebalance around a drag of {EDIT}, max"),
            *worst,
        );
    }
    workspace.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn core_score_bench(accounts: usize) {
    let mut rng = fastrand::Rng::with_seed(11);
    let profiles: Vec<AccountProfile> = (0..accounts as i64)
        .map(|id| AccountProfile {
            id,
            industry: Some(INDUSTRIES[id as usize % INDUSTRIES.len()].into()),
            employees: Some(f64::from(rng.u32(10..20_000))),
            ..Default::default()
        })
        .collect();
    let deals: Vec<Deal> = (0..accounts / 4)
        .map(|_| Deal {
            account_id: Some(rng.i64(0..accounts as i64)),
            outcome: if rng.bool() {
                Outcome::Won
            } else {
                Outcome::Lost
            },
            amount: Some(10_000.0),
            created: Some(as_of() - chrono::Days::new(rng.u64(60..400))),
            closed: Some(as_of() - chrono::Days::new(rng.u64(0..59))),
        })
        .collect();
    // Kinds are shared strings, as the workspace hands them to the core.
    let kinds: [std::sync::Arc<str>; 2] = ["email_open".into(), "web_visit".into()];
    // A year of weekly rollups for a fifth of the accounts, two kinds a week.
    let signals: Vec<WeeklySignals> = (0..accounts as i64 / 5)
        .flat_map(|id| {
            let kinds = kinds.clone();
            (0..52u64).flat_map(move |w| {
                let kinds = kinds.clone();
                (0..2).map(move |k| WeeklySignals {
                    account_id: id * 5,
                    week: as_of() - chrono::Days::new(7 * w),
                    kind: kinds[k].clone(),
                    topic: None,
                    events: 2,
                    strength: 0.0,
                })
            })
        })
        .collect();
    let settings = ScoringSettings::default();
    let started = Instant::now();
    let scored = score_accounts(&ScoringInput {
        as_of: as_of(),
        accounts: &profiles,
        deals: &deals,
        signals: &signals,
        settings: &settings,
    });
    report(
        &format!(
            "core: score {}k accounts ({} weekly rollups), reasons",
            accounts / 1000,
            signals.len()
        ),
        started.elapsed(),
    );
    assert_eq!(scored.scores.len(), accounts);
    let rules = started.elapsed();

    // Readiness from the trained model: the same accounts as a frame of their attributes and
    // engagement figures, scored with three worded reasons each. Training happens once per
    // refresh on the workspace's history, so it is timed apart from scoring.
    let industries: Vec<Option<Raw>> = profiles
        .iter()
        .map(|p| p.industry.clone().map(Raw::Text))
        .collect();
    let employees: Vec<Option<Raw>> = profiles
        .iter()
        .map(|p| p.employees.map(Raw::Number))
        .collect();
    let visits: Vec<Option<Raw>> = (0..accounts)
        .map(|i| {
            Some(Raw::Number(if i % 5 == 0 {
                f64::from(rng.u32(0..9))
            } else {
                0.0
            }))
        })
        .collect();
    let frame = Frame {
        columns: vec![
            Column {
                name: "Industry".into(),
                values: industries,
            },
            Column {
                name: "Employees".into(),
                values: employees,
            },
            Column {
                name: "web visits in the last 30 days".into(),
                values: visits,
            },
        ],
    };
    let history: Vec<usize> = (0..20_000).map(|_| rng.usize(0..accounts)).collect();
    let labels: Vec<bool> = history
        .iter()
        .map(|&i| {
            let visits = match &frame.columns[2].values[i] {
                Some(Raw::Number(n)) => *n,
                _ => 0.0,
            };
            rng.f64() < 0.2 + 0.07 * visits
        })
        .collect();
    let training = Frame {
        columns: frame
            .columns
            .iter()
            .map(|c| Column {
                name: c.name.clone(),
                values: history.iter().map(|&i| c.values[i].clone()).collect(),
            })
            .collect(),
    };
    let started = Instant::now();
    let Ok(model) = train(&training, &labels, None, &Options::default()) else {
        println!("model: the synthetic history was refused");
        return;
    };
    report("model: train on 20k outcomes", started.elapsed());
    let started = Instant::now();
    let predictions = model.predict(&frame, 3);
    let predicted = started.elapsed();
    report(
        &format!(
            "model: readiness for {}k accounts, 3 reasons each",
            accounts / 1000
        ),
        predicted,
    );
    assert_eq!(predictions.len(), accounts);
    report(
        &format!(
            "score {}k accounts, rules + model, reasons",
            accounts / 1000
        ),
        rules + predicted,
    );
}

fn main() {
    println!(
        "Terrain benchmarks ({} cores)\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // `cargo bench` passes flags such as `--bench`; the first other argument names a part.
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let runs = |part: &[&str]| only.as_deref().is_none_or(|o| part.contains(&o));
    if runs(&["core"]) {
        core_score_bench(1_000_000);
    }
    let Ok(runtime) = tokio::runtime::Runtime::new() else {
        return;
    };
    if runs(&["10k", "rebalance"]) {
        runtime.block_on(workspace_bench(10_000, 20));
    }
    if runs(&["100k"]) {
        runtime.block_on(workspace_bench(100_000, 100));
    }
}
