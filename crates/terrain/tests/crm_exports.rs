//! Spreadsheets as real CRM exports write them (issue #7), through the same import use case
//! the app and the CLI call: Salesforce ids in both forms, one company written three ways, and
//! an activity file imported twice.

use std::path::PathBuf;

use terrain::views::{AccountQuery, AccountRow, AccountSort, ImportInput, MergeInput};
use terrain::Workspace;

/// A fixture of the sheets crate's `tests/data`, where the cases' inputs live.
fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../terrain-sheets/tests/data")
        .join(name)
        .display()
        .to_string()
}

fn files(names: &[&str]) -> ImportInput {
    ImportInput {
        paths: names.iter().map(|n| fixture(n)).collect(),
        ..ImportInput::default()
    }
}

async fn workspace(dir: &tempfile::TempDir) -> Workspace {
    Workspace::open(&dir.path().join("crm.terrain"))
        .await
        .expect("open workspace")
}

async fn all_accounts(workspace: &Workspace) -> Vec<AccountRow> {
    workspace
        .accounts(&AccountQuery {
            search: String::new(),
            sort: AccountSort::Name,
            descending: false,
            offset: 0,
            limit: 100,
        })
        .await
        .expect("accounts")
        .rows
}

#[tokio::test]
async fn case_15_salesforce_ids_join_case_sensitively_and_18_char_ids_by_checksum() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = workspace(&dir).await;
    let report = workspace
        .import(&files(&["case15_accounts.csv", "case15_opportunities.csv"]))
        .await
        .expect("import");

    let accounts = all_accounts(&workspace).await;
    let keys: Vec<(&str, &str)> = accounts
        .iter()
        .map(|a| (a.key.as_str(), a.name.as_str()))
        .collect();
    assert_eq!(
        keys,
        [
            ("0015g00000AbCdE", "Fernhill Tools"),
            ("0015g00000ABCDE", "Quarry Lane Media")
        ]
    );
    let id_of = |name: &str| accounts.iter().find(|a| a.name == name).expect(name).id;
    let (fernhill, quarry) = (id_of("Fernhill Tools"), id_of("Quarry Lane Media"));

    let deals: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT key, account_id FROM opportunities ORDER BY key")
            .fetch_all(workspace.store().pool())
            .await
            .expect("deals");
    assert_eq!(
        deals,
        [
            ("0065g00000Zz001".to_string(), Some(quarry)),
            ("0065g00000Zz002".to_string(), Some(fernhill)),
            ("0065g00000Zz003".to_string(), None),
        ]
    );

    let flagged: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.message.contains("0015g00000AbCdEAAQ"))
        .collect();
    assert_eq!(flagged.len(), 1, "{:?}", report.problems);
    let problem = flagged[0];
    assert_eq!(problem.file, "case15_opportunities.csv");
    assert_eq!(problem.row, Some(4));
    assert_eq!(problem.column.as_deref(), Some("Account ID"));
    assert!(!problem.rejected, "the deal is kept, without an account");
    assert!(
        problem.message.contains("should be \"AAV\"")
            && problem.message.contains("15-character form"),
        "the message says what the suffix should be and how to fix it: {}",
        problem.message
    );
    assert_eq!(
        report.problems.len(),
        1,
        "nothing else is reported: {:?}",
        report.problems
    );
}

#[tokio::test]
async fn importing_the_same_activity_file_twice_counts_each_event_once() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = workspace(&dir).await;
    workspace
        .import(&files(&["case15_accounts.csv"]))
        .await
        .expect("accounts");
    let first = workspace
        .import(&files(&["case15_activity_repeated.csv"]))
        .await
        .expect("activity");
    assert_eq!(
        first.files[0].imported, 4,
        "the two identical opens both count, and the folded 18-character id finds Fernhill"
    );
    let rollups = |workspace: &Workspace| {
        let pool = workspace.store().pool().clone();
        async move {
            sqlx::query_as::<_, (i64, String, String, String, i64, f64)>(
                "SELECT account_id, week, kind, topic, events, strength FROM signal_weeks \
                 ORDER BY account_id, week, kind, topic",
            )
            .fetch_all(&pool)
            .await
            .expect("rollups")
        }
    };
    let before = (
        workspace.summary().await.expect("summary").signals,
        rollups(&workspace).await,
    );
    assert_eq!(before.0, 4);

    let second = workspace
        .import(&files(&["case15_activity_repeated.csv"]))
        .await
        .expect("activity again");
    assert_eq!(second.files[0].imported, 0);
    assert!(
        second
            .problems
            .iter()
            .any(|p| p.file == "case15_activity_repeated.csv"
                && p.message.contains("4 events were already in the workspace")),
        "{:?}",
        second.problems
    );
    let after = (
        workspace.summary().await.expect("summary").signals,
        rollups(&workspace).await,
    );
    assert_eq!(after, before);
}

#[tokio::test]
async fn case_22_lookalike_accounts_are_proposed_then_merged_into_one_that_is_scored_once() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = workspace(&dir).await;
    workspace
        .import(&files(&["case22_duplicates.csv"]))
        .await
        .expect("import");

    // Keyed by name, `ACME Corporation ` (trimmed) is a key of its own: four accounts, and the
    // three spellings of Acme are proposed, not merged.
    assert_eq!(workspace.summary().await.expect("summary").accounts, 4);
    let proposals = workspace.merge_proposals().await.expect("proposals");
    assert_eq!(proposals.len(), 1);
    let group = &proposals[0];
    let raw: Vec<(&str, Option<&str>)> = group
        .accounts
        .iter()
        .map(|a| (a.name.as_str(), a.website.as_deref()))
        .collect();
    assert_eq!(
        raw,
        [
            ("Acme Corporation", Some("acme.example")),
            ("ACME Corporation", Some("https://www.acme.example/")),
            ("Acme Corp.", Some("acme.example")),
        ]
    );
    assert!(group.reason.contains("\"acme\""), "{}", group.reason);
    assert!(group.reason.contains("acme.example"), "{}", group.reason);
    assert_eq!(workspace.score(None).await.expect("score"), 4);

    let merged = workspace
        .merge_accounts(&MergeInput {
            proposal: group.id,
            keep: None,
        })
        .await
        .expect("merge");
    assert_eq!(
        (merged.name.as_str(), merged.merged),
        ("Acme Corporation", 2)
    );
    assert!(merged.rescored_as_of.is_some());
    assert!(workspace.merge_proposals().await.expect("none").is_empty());

    let accounts = all_accounts(&workspace).await;
    let names: Vec<&str> = accounts.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Acme Corporation", "Acme Corporation Japan"]);
    let kept = &accounts[0];
    let merged_from: Vec<(&str, &str, Option<&str>)> = kept
        .merged_from
        .iter()
        .map(|m| (m.key.as_str(), m.name.as_str(), m.website.as_deref()))
        .collect();
    assert_eq!(
        merged_from,
        [
            (
                "ACME Corporation",
                "ACME Corporation",
                Some("https://www.acme.example/")
            ),
            ("Acme Corp.", "Acme Corp.", Some("acme.example")),
        ]
    );

    assert_eq!(workspace.score(None).await.expect("score"), 2);
    let plan = workspace.assign().await.expect("assign");
    assert_eq!(plan.assigned + plan.pooled, 2, "the company is placed once");

    // The CRM export again: the merged spellings land on the kept account.
    workspace
        .import(&files(&["case22_duplicates.csv"]))
        .await
        .expect("import again");
    assert_eq!(workspace.summary().await.expect("summary").accounts, 2);
    assert!(workspace.merge_proposals().await.expect("none").is_empty());
}

#[tokio::test]
async fn case_22_a_group_kept_apart_is_not_proposed_again_on_reimport() {
    let dir = tempfile::tempdir().expect("dir");
    let workspace = workspace(&dir).await;
    workspace
        .import(&files(&["case22_duplicates.csv"]))
        .await
        .expect("import");
    let id = workspace.merge_proposals().await.expect("proposals")[0].id;
    workspace.keep_apart(id).await.expect("keep apart");
    workspace
        .import(&files(&["case22_duplicates.csv"]))
        .await
        .expect("import again");
    assert!(workspace.merge_proposals().await.expect("none").is_empty());
    assert_eq!(workspace.summary().await.expect("summary").accounts, 4);

    let error = workspace
        .merge_accounts(&MergeInput {
            proposal: id,
            keep: None,
        })
        .await
        .expect_err("answered already");
    assert_eq!(error.payload().code, terrain::views::ErrorCode::Conflict);
}
