//! The daily review on the demo workspace (issue #5): new signals make pooled accounts surge,
//! the review proposes bringing them into books with reasons, applying them leaves nothing to
//! propose, undo restores the owners exactly, and a rejected move stays rejected.

mod common;

use std::path::Path;

use terrain::views::{
    AccountQuery, AccountSort, ApplyReviewInput, ImportInput, MoveInput, ReviewMove, SheetKindName,
};
use terrain::Workspace;

use common::owners;

async fn demo() -> (tempfile::TempDir, Workspace) {
    let (dir, workspace) = common::demo().await;
    // A first review sets the baseline the next one compares with.
    workspace
        .apply_review(&ApplyReviewInput::default())
        .await
        .expect("first review");
    (dir, workspace)
}

/// The CRM ids of the `n` coldest pooled accounts.
async fn cold_pooled(workspace: &Workspace, n: usize) -> Vec<(i64, String)> {
    let board = workspace.board().await.expect("board");
    let mut pool = board.pool.clone();
    pool.sort_by(|a, b| a.readiness.total_cmp(&b.readiness));
    let mut chosen = Vec::new();
    for card in pool.iter().take(n) {
        let page = workspace
            .accounts(&AccountQuery {
                search: card.name.clone(),
                sort: AccountSort::Name,
                descending: false,
                offset: 0,
                limit: 5,
            })
            .await
            .expect("accounts");
        let row = page
            .rows
            .into_iter()
            .find(|r| r.id == card.id)
            .expect("the pooled account is listed");
        chosen.push((card.id, row.key));
    }
    chosen
}

/// Writes a week of meetings, form fills, visits and clicks for each account, then imports it
/// and rescores.
async fn surge(workspace: &Workspace, dir: &Path, keys: &[(i64, String)]) {
    let path = dir.join("surge.csv");
    let mut text = String::from("Account ID,Date,Activity Type\n");
    let today = chrono::Local::now().date_naive();
    for (_, key) in keys {
        for back in 0..4 {
            let day = today - chrono::Days::new(back);
            for kind in ["meeting", "form_fill", "web_visit", "email_click"] {
                text.push_str(&format!("{key},{day},{kind}\n"));
            }
        }
    }
    std::fs::write(&path, text).expect("write signals");
    workspace
        .import(&ImportInput {
            paths: vec![path.display().to_string()],
            kind: Some(SheetKindName::Signals),
            map: Vec::new(),
            ..ImportInput::default()
        })
        .await
        .expect("import signals");
    workspace.score(None).await.expect("rescore");
}

#[tokio::test]
async fn surging_pooled_accounts_are_proposed_into_books_and_applying_leaves_nothing_to_propose() {
    let (dir, workspace) = demo().await;
    let chosen = cold_pooled(&workspace, 6).await;
    surge(&workspace, dir.path(), &chosen).await;

    let review = workspace.daily_review().await.expect("review");
    for (id, _) in &chosen {
        assert!(
            review
                .surged
                .iter()
                .any(|s| s.account_id == *id && s.after > s.before),
            "account {id} surged"
        );
        let proposal = review
            .proposals
            .iter()
            .find(|p| p.account_id == *id)
            .unwrap_or_else(|| panic!("account {id} is proposed into a book"));
        assert_eq!(proposal.from_rep, None, "it comes from the pool");
        let crm_id = &chosen.iter().find(|(c, _)| c == id).expect("chosen").1;
        assert_eq!(&proposal.account_key, crm_id, "named by its CRM id too");
        let to = proposal.to.as_str();
        assert!(!to.is_empty());
        assert!(
            proposal.reason.starts_with(&format!("to {to}: readiness ")),
            "{}",
            proposal.reason
        );
    }
    assert!(review.proposals.len() as u32 <= review.budget);

    let before = owners(&workspace.board().await.expect("board"));
    let applied = workspace
        .apply_review(&ApplyReviewInput::default())
        .await
        .expect("apply");
    assert_eq!(applied.applied as usize, review.proposals.len());
    let again = workspace.daily_review().await.expect("second review");
    assert!(again.proposals.is_empty(), "{:?}", again.proposals);
    assert_eq!(again.moved_today, applied.applied);

    workspace.undo().await.expect("undo");
    assert_eq!(owners(&workspace.board().await.expect("board")), before);
    let after_undo = workspace.daily_review().await.expect("review after undo");
    assert_eq!(
        after_undo.moved_today, 0,
        "an undone review gives its moves back"
    );
}

#[tokio::test]
async fn a_rejected_move_is_not_proposed_again_while_readiness_holds() {
    let (dir, workspace) = demo().await;
    let chosen = cold_pooled(&workspace, 3).await;
    surge(&workspace, dir.path(), &chosen).await;
    let review = workspace.daily_review().await.expect("review");
    let proposal = review
        .proposals
        .iter()
        .find(|p| chosen.iter().any(|(id, _)| *id == p.account_id))
        .expect("a surging account is proposed");
    let rejected = proposal.account_id;

    let finished = workspace
        .apply_review(&ApplyReviewInput {
            accept: Some(Vec::new()),
            reject: vec![ReviewMove {
                account_id: rejected,
                to_rep: proposal.to_rep,
            }],
        })
        .await
        .expect("finish");
    assert_eq!((finished.applied, finished.rejected), (0, 1));

    let next = workspace.daily_review().await.expect("next review");
    assert!(
        next.proposals.iter().all(|p| p.account_id != rejected),
        "the rejected move came back"
    );
    assert!(
        chosen
            .iter()
            .filter(|(id, _)| *id != rejected)
            .all(|(id, _)| next.proposals.iter().any(|p| p.account_id == *id)),
        "moves neither accepted nor rejected wait for the next review"
    );
}

#[tokio::test]
async fn an_answer_to_a_move_no_longer_proposed_as_shown_applies_nothing() {
    let (dir, workspace) = demo().await;
    let chosen = cold_pooled(&workspace, 2).await;
    surge(&workspace, dir.path(), &chosen).await;
    let review = workspace.daily_review().await.expect("review");
    let shown = review.proposals.first().expect("a proposal");
    let before = owners(&workspace.board().await.expect("board"));

    // The director saw it going somewhere else than it now would.
    let elsewhere = workspace
        .board()
        .await
        .expect("board")
        .reps
        .iter()
        .map(|r| Some(r.id))
        .find(|rep| *rep != shown.to_rep)
        .expect("another rep");
    let error = workspace
        .apply_review(&ApplyReviewInput {
            accept: Some(vec![ReviewMove {
                account_id: shown.account_id,
                to_rep: elsewhere,
            }]),
            reject: Vec::new(),
        })
        .await
        .expect_err("a stale answer");
    assert_eq!(error.code(), terrain::views::ErrorCode::Conflict);
    assert!(error.to_string().contains(&shown.account), "{error}");
    assert!(error.to_string().contains("nothing was applied"), "{error}");
    assert_eq!(owners(&workspace.board().await.expect("board")), before);
    assert_eq!(
        workspace.daily_review().await.expect("again").proposals,
        review.proposals,
        "the review is as it was"
    );
}

/// Each rep's capacity on the board, by rep id.
fn capacities(board: &terrain::views::Board) -> Vec<(i64, u32)> {
    board.reps.iter().map(|r| (r.id, r.capacity)).collect()
}

#[tokio::test]
async fn showing_the_review_a_comparison_or_the_plan_settings_writes_nothing() {
    let (dir, workspace) = demo().await;
    let chosen = cold_pooled(&workspace, 6).await;
    surge(&workspace, dir.path(), &chosen).await;

    let generation = workspace.store().generation();
    let review = workspace.daily_review().await.expect("review");
    workspace.compare().await.expect("comparison");
    let form = workspace.planning_form().await.expect("plan settings");
    let board = workspace.board().await.expect("board");
    assert_eq!(
        workspace.store().generation(),
        generation,
        "a read committed a write"
    );
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM settings WHERE key = 'default_capacity'")
            .fetch_optional(workspace.store().pool())
            .await
            .expect("settings");
    assert_eq!(
        stored, None,
        "the computed capacity is not kept in the file"
    );
    assert!(form.computed_capacity > 0);
    // The review measures books against the capacity the board shows.
    let on_board = capacities(&board);
    for load in review.over_capacity.iter().chain(&review.with_room) {
        assert!(
            on_board.contains(&(load.rep_id, load.capacity)),
            "{} has {} on the board's terms, not {}",
            load.rep,
            load.capacity,
            on_board
                .iter()
                .find(|(id, _)| *id == load.rep_id)
                .map_or(0, |c| c.1)
        );
    }
}

#[tokio::test]
async fn a_drag_leaves_the_capacity_what_a_fresh_look_at_the_file_computes() {
    let (dir, workspace) = demo().await;
    let before = capacities(&workspace.board().await.expect("board"));
    let card = workspace.board().await.expect("board").pool[0].id;
    let to = before[0].0;
    workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card],
            to_rep: Some(to),
            draft: None,
        })
        .await
        .expect("move");
    assert_eq!(capacities(&workspace.board().await.expect("board")), before);

    // A rescore changes how many accounts are worth working, so the capacity is counted
    // again rather than carried over from before it.
    let chosen = cold_pooled(&workspace, 6).await;
    surge(&workspace, dir.path(), &chosen).await;
    let after = capacities(&workspace.board().await.expect("board"));
    let fresh = Workspace::open(workspace.path()).await.expect("open again");
    assert_eq!(capacities(&fresh.board().await.expect("board")), after);
}
