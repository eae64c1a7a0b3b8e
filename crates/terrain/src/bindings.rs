//! Generates `ui/src/api/bindings.ts` from the view types, so the TypeScript side of the IPC
//! contract is never written by hand.

use ts_rs::{Config, TS};

use crate::views::*;

/// The TypeScript declarations of every type that crosses the IPC boundary, as one module.
pub fn typescript() -> String {
    // Ids are SQLite rowids, far below 2^53, so they cross as plain numbers.
    let cfg = Config::default().with_large_int("number");
    let mut out = String::from(
        "// Generated from crates/terrain/src/views.rs by `make bindings`. Do not edit.\n",
    );
    let decls = [
        SheetKindName::decl(&cfg),
        FieldMap::decl(&cfg),
        ImportInput::decl(&cfg),
        DecimalName::decl(&cfg),
        DateOrderName::decl(&cfg),
        ColumnReading::decl(&cfg),
        FileSettings::decl(&cfg),
        SheetChoice::decl(&cfg),
        QuestionKind::decl(&cfg),
        ColumnView::decl(&cfg),
        FileView::decl(&cfg),
        ImportPreview::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportProblem::decl(&cfg),
        FileReport::decl(&cfg),
        ImportReport::decl(&cfg),
        PlanInfo::decl(&cfg),
        ImportLogEntry::decl(&cfg),
        WorkspaceSummary::decl(&cfg),
        BackupKindName::decl(&cfg),
        BackupInfo::decl(&cfg),
        WorkspaceHealth::decl(&cfg),
        RestoreInput::decl(&cfg),
        Restored::decl(&cfg),
        Reason::decl(&cfg),
        AccountSort::decl(&cfg),
        AccountQuery::decl(&cfg),
        AccountRow::decl(&cfg),
        AccountPage::decl(&cfg),
        Card::decl(&cfg),
        RepColumn::decl(&cfg),
        Balance::decl(&cfg),
        HistoryState::decl(&cfg),
        Board::decl(&cfg),
        MoveInput::decl(&cfg),
        MoveResult::decl(&cfg),
        LockInput::decl(&cfg),
        PlanChange::decl(&cfg),
        SegmentBy::decl(&cfg),
        PlanningSettings::decl(&cfg),
        PlanningForm::decl(&cfg),
        Strategy::decl(&cfg),
        StrategyBalance::decl(&cfg),
        StrategyFigures::decl(&cfg),
        Comparison::decl(&cfg),
        ActivityKind::decl(&cfg),
        Criterion::decl(&cfg),
        ScoringSettings::decl(&cfg),
        ScoreHistoryPoint::decl(&cfg),
        ScoreHistory::decl(&cfg),
        StageChange::decl(&cfg),
        ScoringPreview::decl(&cfg),
        ScoringForm::decl(&cfg),
        ScoringResult::decl(&cfg),
        ScoreChart::decl(&cfg),
        CandidateModel::decl(&cfg),
        CalibrationBin::decl(&cfg),
        Decile::decl(&cfg),
        Importance::decl(&cfg),
        Suspect::decl(&cfg),
        ModelReport::decl(&cfg),
        ScoreShift::decl(&cfg),
        RepLoad::decl(&cfg),
        ReviewProposal::decl(&cfg),
        DailyReview::decl(&cfg),
        ReviewMove::decl(&cfg),
        ApplyReviewInput::decl(&cfg),
        ReviewApplied::decl(&cfg),
        AuditQuery::decl(&cfg),
        AuditEntry::decl(&cfg),
        AuditPage::decl(&cfg),
        AuditChange::decl(&cfg),
        AuditEntryDetail::decl(&cfg),
        AuditExportInput::decl(&cfg),
        AuditExported::decl(&cfg),
        RealignInput::decl(&cfg),
        DraftRep::decl(&cfg),
        DraftComparison::decl(&cfg),
        ActivateInput::decl(&cfg),
        Activation::decl(&cfg),
        ExportInput::decl(&cfg),
        ExportResult::decl(&cfg),
        Period::decl(&cfg),
        MetricsRow::decl(&cfg),
        MetricsReport::decl(&cfg),
        ChartKind::decl(&cfg),
        ChartQuery::decl(&cfg),
        SaveChartInput::decl(&cfg),
        ReviewPackInput::decl(&cfg),
        ReviewPackResult::decl(&cfg),
        Chart::decl(&cfg),
        ErrorCode::decl(&cfg),
        ErrorPayload::decl(&cfg),
        CrmUserId::decl(&cfg),
        ChangeSetFormat::decl(&cfg),
        ChangeSetInput::decl(&cfg),
        ChangeSetWritten::decl(&cfg),
        RefreshFailure::decl(&cfg),
        RefreshReport::decl(&cfg),
        MergedRecord::decl(&cfg),
        DuplicateAccount::decl(&cfg),
        MergeProposal::decl(&cfg),
        MergeInput::decl(&cfg),
        MergeResult::decl(&cfg),
    ];
    for decl in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&decl);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    fn bindings_path() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts")
    }

    /// Run with `UPDATE_BINDINGS=1` to rewrite the file after changing a view type.
    #[test]
    fn generated_typescript_bindings_are_up_to_date() {
        let fresh = super::typescript();
        let path = bindings_path();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::create_dir_all(path.parent().expect("bindings path has a parent"))
                .expect("create ui/src/api");
            std::fs::write(&path, &fresh).expect("write bindings");
        }
        let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            on_disk == fresh,
            "ui/src/api/bindings.ts is stale: run `make bindings` and commit the result"
        );
    }
}
