//! The quarterly realignment (issue #5): a draft built from scratch beside the active plan,
//! edited on its own board, activated after a backup copy, and undone exactly.

mod common;

use terrain::views::{ActivateInput, ErrorCode, MoveInput, RealignInput};
use terrain::Workspace;

use common::{demo, owners};

fn quarter() -> RealignInput {
    RealignInput {
        effective: Some("2027-01-01".into()),
        band: Some(0.1),
        keep_locks: true,
    }
}

#[tokio::test]
async fn a_quarterly_draft_sits_beside_the_active_plan_and_changes_nothing_in_it() {
    let (_dir, workspace) = demo().await;
    let before = owners(&workspace.board().await.expect("board"));

    let draft = workspace
        .create_realignment(&quarter())
        .await
        .expect("draft");
    assert_eq!(draft.draft.status, "draft");
    assert_eq!(draft.draft.effective, "2027-01-01");
    assert_eq!(draft.active.status, "active");
    assert_eq!(owners(&workspace.board().await.expect("board")), before);

    let draft_owners = owners(&workspace.board_of(true).await.expect("draft board"));
    let differing = before
        .iter()
        .filter(|(id, rep)| draft_owners.get(id) != Some(rep))
        .count() as u32;
    assert_eq!(
        draft.moves, differing,
        "moves count every owner that differs"
    );
    assert!(
        draft.moves > 0,
        "a from-scratch plan moves something on the demo"
    );
    let moved_in: u32 = draft.reps.iter().map(|r| r.moves_in).sum();
    let moved_out: u32 = draft.reps.iter().map(|r| r.moves_out).sum();
    assert!(moved_in <= draft.moves && moved_out <= draft.moves);
    assert!(
        draft.continuity > 0.0 && draft.continuity < 1.0,
        "{}",
        draft.continuity
    );
    assert_eq!(
        draft.draft_balance.reps_outside_band, 0,
        "the draft keeps every rep within the band it was built under"
    );
    assert!(
        draft.headline.starts_with("The draft moves"),
        "{}",
        draft.headline
    );
}

#[tokio::test]
async fn editing_the_draft_moves_the_account_in_the_draft_only() {
    let (_dir, workspace) = demo().await;
    workspace
        .create_realignment(&quarter())
        .await
        .expect("draft");
    let active = owners(&workspace.board().await.expect("board"));
    let board = workspace.board_of(true).await.expect("draft board");
    let card = board.reps[0].accounts[0].id;
    let to = board.reps[1].id;

    workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card],
            to_rep: Some(to),
            draft: Some(true),
        })
        .await
        .expect("move in the draft");

    let draft = owners(&workspace.board_of(true).await.expect("draft board"));
    assert_eq!(draft.get(&card), Some(&Some(to)));
    assert_eq!(owners(&workspace.board().await.expect("board")), active);
    workspace.undo().await.expect("undo");
    let draft = owners(&workspace.board_of(true).await.expect("draft board"));
    assert_eq!(draft.get(&card), Some(&Some(board.reps[0].id)));
}

#[tokio::test]
async fn activation_backs_up_first_and_undo_restores_the_owners_exactly() {
    let (dir, workspace) = demo().await;
    let before = owners(&workspace.board().await.expect("board"));
    workspace
        .create_realignment(&quarter())
        .await
        .expect("draft");
    let drafted = owners(&workspace.board_of(true).await.expect("draft board"));

    let activation = workspace.activate_draft(None).await.expect("activate");
    let backup = activation.backup.expect("a workspace on disk is backed up");
    assert!(std::path::Path::new(&backup).starts_with(dir.path()));
    let copy = Workspace::open(std::path::Path::new(&backup))
        .await
        .expect("the backup opens");
    assert_eq!(
        owners(&copy.board().await.expect("backup board")),
        before,
        "the backup holds the plan as it was before activation"
    );
    assert_eq!(activation.plan.status, "active");
    assert_eq!(owners(&workspace.board().await.expect("board")), drafted);
    assert!(workspace.board_of(true).await.is_err(), "no draft is left");

    let undone = workspace.undo().await.expect("undo");
    assert!(undone.can_redo);
    assert_eq!(owners(&workspace.board().await.expect("board")), before);
    assert_eq!(
        owners(&workspace.board_of(true).await.expect("the draft is back")),
        drafted
    );

    workspace.redo().await.expect("redo");
    assert_eq!(owners(&workspace.board().await.expect("board")), drafted);
}

#[tokio::test]
async fn activating_without_a_draft_is_refused_and_changes_nothing() {
    let (_dir, workspace) = demo().await;
    let before = owners(&workspace.board().await.expect("board"));
    assert!(workspace.draft_if_any().await.expect("read").is_none());
    let error = workspace.activate_draft(None).await.expect_err("no draft");
    assert_eq!(error.code(), ErrorCode::NotFound);
    assert!(error.to_string().contains("no draft plan"), "{error}");
    assert_eq!(owners(&workspace.board().await.expect("board")), before);
}

#[tokio::test]
async fn a_band_outside_zero_to_a_hundred_percent_is_refused_before_any_draft_is_made() {
    let (_dir, workspace) = demo().await;
    let error = workspace
        .create_realignment(&RealignInput {
            band: Some(1.5),
            ..quarter()
        })
        .await
        .expect_err("band of 150%");
    assert_eq!(error.code(), ErrorCode::BadInput);
    assert!(workspace.board_of(true).await.is_err(), "no draft was made");
}

#[tokio::test]
async fn a_draft_that_changed_since_it_was_shown_is_not_activated() {
    let (_dir, workspace) = demo().await;
    let shown = workspace
        .create_realignment(&quarter())
        .await
        .expect("draft");
    let before = owners(&workspace.board().await.expect("board"));
    // A review, a drag or another realignment since changes what activation would do.
    let board = workspace.board().await.expect("board");
    let card = board.reps[0].accounts[0].id;
    workspace
        .move_accounts(&MoveInput {
            account_ids: vec![card],
            to_rep: None,
            draft: None,
        })
        .await
        .expect("a move on the active plan");
    let moved = owners(&workspace.board().await.expect("board"));

    let error = workspace
        .activate_draft(Some(ActivateInput {
            draft_id: shown.draft.id,
            version: shown.version,
        }))
        .await
        .expect_err("the draft changed since it was shown");
    assert_eq!(error.code(), ErrorCode::Conflict);
    assert!(
        error.to_string().contains("nothing was activated"),
        "{error}"
    );
    assert_ne!(moved, before);
    assert_eq!(owners(&workspace.board().await.expect("board")), moved);
    assert!(workspace.draft_if_any().await.expect("read").is_some());
}

#[tokio::test]
async fn the_draft_as_shown_is_activated() {
    let (_dir, workspace) = demo().await;
    let shown = workspace
        .create_realignment(&quarter())
        .await
        .expect("draft");
    let activation = workspace
        .activate_draft(Some(ActivateInput {
            draft_id: shown.draft.id,
            version: shown.version,
        }))
        .await
        .expect("activate what was shown");
    assert_eq!(activation.plan.id, shown.draft.id);
    assert_eq!(activation.moves, shown.moves);
}
