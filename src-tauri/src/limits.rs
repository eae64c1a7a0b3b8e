//! Bounds on the arguments the page sends to the commands.
//!
//! The page runs Terrain's own UI, but a bug there or a script slipped into it should not be
//! able to make a command search for a megabyte of text, move ten million ids in one
//! transaction or save a settings list of any length. Every command that takes text or a list
//! checks it here before its use case runs, and a value over its bound is refused with a
//! `bad_input` error naming the argument, e.g. `input.files[2].map`.
//!
//! The bounds are far above anything the UI sends: the widest spreadsheet Excel can write, the
//! largest workspace the benches import, Linux's longest path.

use terrain::views::{
    AccountQuery, ApplyReviewInput, AuditExportInput, ChangeSetInput, ChartQuery, ColumnReading,
    CrmUserId, ErrorCode, ErrorPayload, ExportInput, FieldMap, FileSettings, ImportInput,
    LockInput, MoveInput, Period, PlanningSettings, RealignInput, ReviewPackInput, SaveChartInput,
    ScoringSettings,
};

/// Bytes in one piece of text: a search, a name, a header, a date, a CRM user id.
pub const MAX_TEXT: usize = 1_000;

/// Bytes in a path (Linux's `PATH_MAX`).
pub const MAX_PATH: usize = 4_096;

/// Files in one import.
pub const MAX_FILES: usize = 100;

/// Columns a file's settings may list: Excel's widest sheet (column XFD).
pub const MAX_COLUMNS: usize = 16_384;

/// Accounts in one move, lock or review answer; a whole 1M-account workspace moved at once
/// is better done as a re-plan.
pub const MAX_ACCOUNTS: usize = 100_000;

/// Entries in a settings list: activity kinds, profile criteria and their values, intent
/// topics, reps' CRM ids.
pub const MAX_ENTRIES: usize = 10_000;

/// An argument whose size the command checks before using it.
pub trait Bounded {
    /// Refuses `self` when any part of it is over its bound; `name` is the argument's name,
    /// which the error starts from.
    fn check(&self, name: &str) -> Result<(), ErrorPayload>;
}

/// Refuses text longer than `max` bytes.
pub fn text(name: &str, value: &str, max: usize) -> Result<(), ErrorPayload> {
    if value.len() <= max {
        return Ok(());
    }
    Err(too_large(format!(
        "{name} is {} bytes long, over the limit of {max}; shorten it",
        value.len()
    )))
}

fn optional_text(name: &str, value: Option<&str>, max: usize) -> Result<(), ErrorPayload> {
    value.map_or(Ok(()), |value| text(name, value, max))
}

/// Refuses a list of more than `max` entries.
pub fn list<T>(name: &str, items: &[T], max: usize) -> Result<(), ErrorPayload> {
    if items.len() <= max {
        return Ok(());
    }
    Err(too_large(format!(
        "{name} holds {} entries, over the limit of {max}; send fewer",
        items.len()
    )))
}

/// Refuses a list of texts that is too long or holds a text that is.
fn texts(name: &str, items: &[String], max_items: usize) -> Result<(), ErrorPayload> {
    list(name, items, max_items)?;
    for (i, item) in items.iter().enumerate() {
        text(&format!("{name}[{i}]"), item, MAX_TEXT)?;
    }
    Ok(())
}

/// Refuses a list that is too long or holds an entry over its own bounds.
fn each<T: Bounded>(name: &str, items: &[T], max_items: usize) -> Result<(), ErrorPayload> {
    list(name, items, max_items)?;
    for (i, item) in items.iter().enumerate() {
        item.check(&format!("{name}[{i}]"))?;
    }
    Ok(())
}

fn too_large(message: String) -> ErrorPayload {
    ErrorPayload {
        code: ErrorCode::BadInput,
        message,
    }
}

impl Bounded for AccountQuery {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.search"), &self.search, MAX_TEXT)
    }
}

impl Bounded for ImportInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        list(&format!("{name}.paths"), &self.paths, MAX_FILES)?;
        for (i, path) in self.paths.iter().enumerate() {
            text(&format!("{name}.paths[{i}]"), path, MAX_PATH)?;
        }
        each(&format!("{name}.map"), &self.map, MAX_COLUMNS)?;
        each(&format!("{name}.columns"), &self.columns, MAX_COLUMNS)?;
        each(&format!("{name}.files"), &self.files, MAX_FILES)
    }
}

impl Bounded for FileSettings {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.path"), &self.path, MAX_PATH)?;
        optional_text(&format!("{name}.sheet"), self.sheet.as_deref(), MAX_TEXT)?;
        each(&format!("{name}.map"), &self.map, MAX_COLUMNS)?;
        texts(&format!("{name}.unmapped"), &self.unmapped, MAX_COLUMNS)?;
        each(&format!("{name}.columns"), &self.columns, MAX_COLUMNS)
    }
}

impl Bounded for FieldMap {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.field"), &self.field, MAX_TEXT)?;
        text(&format!("{name}.header"), &self.header, MAX_TEXT)
    }
}

impl Bounded for ColumnReading {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.header"), &self.header, MAX_TEXT)
    }
}

impl Bounded for Period {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        optional_text(&format!("{name}.from"), self.from.as_deref(), MAX_TEXT)?;
        optional_text(&format!("{name}.to"), self.to.as_deref(), MAX_TEXT)
    }
}

impl Bounded for ChartQuery {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        self.period.check(&format!("{name}.period"))
    }
}

impl Bounded for ExportInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.path"), &self.path, MAX_PATH)
    }
}

impl Bounded for SaveChartInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.path"), &self.path, MAX_PATH)?;
        self.period.check(&format!("{name}.period"))
    }
}

impl Bounded for ReviewPackInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.folder"), &self.folder, MAX_PATH)?;
        self.period.check(&format!("{name}.period"))
    }
}

impl Bounded for AuditExportInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.path"), &self.path, MAX_PATH)
    }
}

impl Bounded for ChangeSetInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        text(&format!("{name}.path"), &self.path, MAX_PATH)?;
        optional_text(
            &format!("{name}.since_date"),
            self.since_date.as_deref(),
            MAX_TEXT,
        )
    }
}

impl Bounded for MoveInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        list(
            &format!("{name}.account_ids"),
            &self.account_ids,
            MAX_ACCOUNTS,
        )
    }
}

impl Bounded for LockInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        list(
            &format!("{name}.account_ids"),
            &self.account_ids,
            MAX_ACCOUNTS,
        )
    }
}

impl Bounded for ApplyReviewInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        if let Some(accept) = &self.accept {
            list(&format!("{name}.accept"), accept, MAX_ACCOUNTS)?;
        }
        list(&format!("{name}.reject"), &self.reject, MAX_ACCOUNTS)
    }
}

impl Bounded for RealignInput {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        optional_text(
            &format!("{name}.effective"),
            self.effective.as_deref(),
            MAX_TEXT,
        )
    }
}

impl Bounded for PlanningSettings {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        optional_text(
            &format!("{name}.segment_field"),
            self.segment_field.as_deref(),
            MAX_TEXT,
        )
    }
}

impl Bounded for ScoringSettings {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        list(&format!("{name}.kinds"), &self.kinds, MAX_ENTRIES)?;
        for (i, kind) in self.kinds.iter().enumerate() {
            text(&format!("{name}.kinds[{i}].kind"), &kind.kind, MAX_TEXT)?;
            text(&format!("{name}.kinds[{i}].label"), &kind.label, MAX_TEXT)?;
        }
        list(&format!("{name}.icp"), &self.icp, MAX_ENTRIES)?;
        for (i, criterion) in self.icp.iter().enumerate() {
            text(
                &format!("{name}.icp[{i}].field"),
                &criterion.field,
                MAX_TEXT,
            )?;
            texts(
                &format!("{name}.icp[{i}].values"),
                &criterion.values,
                MAX_ENTRIES,
            )?;
        }
        texts(
            &format!("{name}.intent_topics"),
            &self.intent_topics,
            MAX_ENTRIES,
        )
    }
}

impl Bounded for Vec<CrmUserId> {
    fn check(&self, name: &str) -> Result<(), ErrorPayload> {
        list(name, self, MAX_ENTRIES)?;
        for (i, id) in self.iter().enumerate() {
            text(&format!("{name}[{i}].rep"), &id.rep, MAX_TEXT)?;
            optional_text(
                &format!("{name}[{i}].crm_user_id"),
                id.crm_user_id.as_deref(),
                MAX_TEXT,
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use terrain::views::{AccountSort, ReviewMove};

    use super::*;

    fn refused(result: Result<(), ErrorPayload>) -> ErrorPayload {
        match result {
            Ok(()) => panic!("an argument over its bound was accepted"),
            Err(error) => error,
        }
    }

    #[test]
    fn a_search_at_the_bound_is_accepted_and_one_byte_more_is_refused_by_name() {
        let mut query = AccountQuery {
            search: "a".repeat(MAX_TEXT),
            sort: AccountSort::Name,
            descending: false,
            offset: 0,
            limit: 50,
        };
        assert!(query.check("query").is_ok());

        query.search.push('a');
        let error = refused(query.check("query"));
        assert_eq!(error.code, ErrorCode::BadInput);
        assert!(
            error.message.starts_with("query.search is 1001 bytes long"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_move_of_more_accounts_than_the_bound_is_refused_naming_the_list() {
        let input = MoveInput {
            account_ids: vec![1; MAX_ACCOUNTS + 1],
            to_rep: Some(2),
            draft: None,
        };

        let error = refused(input.check("input"));
        assert_eq!(error.code, ErrorCode::BadInput);
        assert!(
            error.message.starts_with(&format!(
                "input.account_ids holds {} entries, over the limit of {MAX_ACCOUNTS}",
                MAX_ACCOUNTS + 1
            )),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_import_names_the_file_setting_whose_header_is_too_long() {
        let long_header = FileSettings {
            path: "/data/accounts.csv".into(),
            map: vec![FieldMap {
                field: "name".into(),
                header: "h".repeat(MAX_TEXT + 1),
            }],
            ..FileSettings::default()
        };
        let input = ImportInput {
            paths: vec!["/data/accounts.csv".into()],
            files: vec![FileSettings::default(), long_header],
            ..ImportInput::default()
        };

        let error = refused(input.check("input"));
        assert!(
            error.message.starts_with("input.files[1].map[0].header is"),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_import_of_more_files_than_the_bound_is_refused() {
        let input = ImportInput {
            paths: vec!["/data/a.csv".into(); MAX_FILES + 1],
            ..ImportInput::default()
        };

        let error = refused(input.check("input"));
        assert!(
            error.message.starts_with("input.paths holds"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_path_longer_than_linux_allows_is_refused() {
        let input = ExportInput {
            path: format!("/{}", "p".repeat(MAX_PATH)),
        };

        let error = refused(input.check("input"));
        assert!(
            error.message.starts_with("input.path is"),
            "{}",
            error.message
        );
    }

    #[test]
    fn scoring_settings_name_the_intent_topic_that_is_too_long() {
        let mut settings = ScoringSettings::default();
        assert!(settings.check("settings").is_ok());

        settings.intent_topics = vec!["crm".into(), "t".repeat(MAX_TEXT + 1)];
        let error = refused(settings.check("settings"));
        assert!(
            error.message.starts_with("settings.intent_topics[1] is"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_crm_user_id_over_the_bound_is_refused_with_its_place_in_the_list() {
        let ids = vec![
            CrmUserId {
                rep_id: 1,
                rep: "Ana Ortiz".into(),
                crm_user_id: Some("005A".into()),
            },
            CrmUserId {
                rep_id: 2,
                rep: "Ben Lee".into(),
                crm_user_id: Some("x".repeat(MAX_TEXT + 1)),
            },
        ];

        let error = refused(ids.check("ids"));
        assert!(
            error.message.starts_with("ids[1].crm_user_id is"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_review_answer_accepting_more_moves_than_the_bound_is_refused() {
        let move_ = ReviewMove {
            account_id: 1,
            to_rep: None,
        };
        let input = ApplyReviewInput {
            accept: Some(vec![move_; MAX_ACCOUNTS + 1]),
            reject: Vec::new(),
        };

        let error = refused(input.check("input"));
        assert!(
            error.message.starts_with("input.accept holds"),
            "{}",
            error.message
        );
    }
}
