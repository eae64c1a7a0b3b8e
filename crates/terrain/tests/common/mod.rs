//! Fixtures shared by the use-case tests: the real Maven CRM files beside the repository,
//! and the built-in demo workspace.
//!
//! Each test file compiles this module on its own and uses only part of it, hence the
//! `allow(dead_code)` on the fixtures some files leave unused.

use std::collections::BTreeMap;
use std::path::PathBuf;

use terrain::views::{Board, ImportInput};
use terrain::Workspace;

/// The demo workspace in a temporary folder, which lives as long as the returned guard.
#[allow(dead_code)]
pub async fn demo() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = Workspace::create_demo(&dir.path().join("demo.terrain"))
        .await
        .expect("demo");
    (dir, workspace)
}

/// Every account's rep on a board; `None` is the pool.
#[allow(dead_code)]
pub fn owners(board: &Board) -> BTreeMap<i64, Option<i64>> {
    let mut owners: BTreeMap<i64, Option<i64>> =
        board.pool.iter().map(|card| (card.id, None)).collect();
    for column in &board.reps {
        owners.extend(
            column
                .accounts
                .iter()
                .map(|card| (card.id, Some(column.id))),
        );
    }
    owners
}

/// A file of the Maven CRM sample.
#[allow(dead_code)]
pub fn maven(file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/maven-crm-sales-opportunities")
        .join(file)
        .display()
        .to_string()
}

/// The four Maven sheets: reps, accounts, the product catalogue and the pipeline.
#[allow(dead_code)]
pub fn maven_files() -> ImportInput {
    ImportInput {
        paths: [
            "sales_teams.csv",
            "accounts.csv",
            "products.csv",
            "sales_pipeline.csv",
        ]
        .iter()
        .map(|f| maven(f))
        .collect(),
        kind: None,
        map: Vec::new(),
        ..ImportInput::default()
    }
}
