//! Integration tests of reading and writing spreadsheets, with the fixtures in `tests/data/`
//! (cases from `shared/cases/README.md` are named `caseNN_...`) and the real Maven, X Education
//! and Olist files in `/work/shared/data` when they are present.

// Tests unwrap on purpose: a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use terrain_core::records::{
    AccountRecord, CustomValue, OpportunityRecord, Outcome, ProductRecord, RepRecord, SignalRecord,
};
use terrain_sheets::{
    read_file, write_csv, write_xlsx, Cell, DateOrder, Decimal, Error, ParsedSheet, ReadEnd,
    ReadOptions, Records, SheetKind, Table,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn shared(path: &str) -> PathBuf {
    Path::new("/work/shared/data").join(path)
}

fn read(path: &Path) -> ParsedSheet {
    read_file(path, &ReadOptions::default()).unwrap()
}

fn read_with(path: &Path, kind: Option<SheetKind>, map: &[(&str, &str)]) -> ParsedSheet {
    let options = ReadOptions {
        kind,
        map: map
            .iter()
            .map(|(f, h)| (f.to_string(), h.to_string()))
            .collect(),
        ..ReadOptions::default()
    };
    read_file(path, &options).unwrap()
}

fn accounts(sheet: &ParsedSheet) -> &[AccountRecord] {
    match &sheet.records {
        Records::Accounts(v) => v,
        other => panic!("expected accounts, got {other:?}"),
    }
}

fn reps(sheet: &ParsedSheet) -> &[RepRecord] {
    match &sheet.records {
        Records::Reps(v) => v,
        other => panic!("expected reps, got {other:?}"),
    }
}

fn opportunities(sheet: &ParsedSheet) -> &[OpportunityRecord] {
    match &sheet.records {
        Records::Opportunities(v) => v,
        other => panic!("expected opportunities, got {other:?}"),
    }
}

fn signals(sheet: &ParsedSheet) -> &[SignalRecord] {
    match &sheet.records {
        Records::Signals(v) => v,
        other => panic!("expected signals, got {other:?}"),
    }
}

fn products(sheet: &ParsedSheet) -> &[ProductRecord] {
    match &sheet.records {
        Records::Products(v) => v,
        other => panic!("expected products, got {other:?}"),
    }
}

fn number(value: Option<&CustomValue>) -> f64 {
    match value {
        Some(CustomValue::Number(n)) => *n,
        other => panic!("expected a number, got {other:?}"),
    }
}

fn text(value: Option<&CustomValue>) -> &str {
    match value {
        Some(CustomValue::Text(t)) => t,
        other => panic!("expected text, got {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// A worksheet to build: its name, whether it is hidden, and its rows.
type SheetSpec<'a> = (&'a str, bool, Vec<Vec<Option<&'a str>>>);

/// Writes a workbook of text cells (`None` leaves a cell empty) for reader tests.
fn workbook(path: &Path, sheets: &[SheetSpec]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, hidden, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if let Some(value) = cell {
                    match value.parse::<f64>() {
                        Ok(n) => sheet.write_number(r as u32, c as u16, n).unwrap(),
                        Err(_) => sheet.write_string(r as u32, c as u16, *value).unwrap(),
                    };
                }
            }
        }
        if *hidden {
            sheet.set_hidden(true);
        }
    }
    // A hidden sheet cannot be the active one; make the first visible sheet active.
    if let Some(i) = sheets.iter().position(|(_, hidden, _)| !hidden) {
        book.worksheet_from_index(i).unwrap().set_active(true);
    }
    book.save(path).unwrap();
}

// ---- the real Maven CRM files ----

#[test]
fn maven_accounts_are_detected_with_their_custom_fields() {
    let sheet = read(&shared("maven-crm-sales-opportunities/accounts.csv"));
    assert_eq!(sheet.kind, SheetKind::Accounts);
    assert_eq!(sheet.rows_read, 85);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 85);
    assert_eq!(
        sheet.custom_fields,
        vec!["year_established", "subsidiary_of"]
    );

    let acme = accounts
        .iter()
        .find(|a| a.name == "Acme Corporation")
        .unwrap();
    assert_eq!(acme.key, "Acme Corporation");
    assert_eq!(acme.industry.as_deref(), Some("technolgy"));
    assert_eq!(acme.revenue, Some(1100.04));
    assert_eq!(acme.employees, Some(2822.0));
    assert_eq!(acme.country.as_deref(), Some("United States"));
    assert_eq!(number(acme.custom.get("year_established")), 1996.0);
    assert!(
        !acme.custom.contains_key("subsidiary_of"),
        "empty cells are absent"
    );
    assert!(accounts
        .iter()
        .any(|a| a.custom.contains_key("subsidiary_of")));
    assert!(sheet.problems.iter().all(|p| !p.rejected));
}

#[test]
fn maven_sales_teams_are_reps_with_manager_as_team() {
    let sheet = read(&shared("maven-crm-sales-opportunities/sales_teams.csv"));
    assert_eq!(sheet.kind, SheetKind::Reps);
    let reps = reps(&sheet);
    assert_eq!(reps.len(), 35);
    let anna = reps.iter().find(|r| r.name == "Anna Snelling").unwrap();
    assert_eq!(anna.team.as_deref(), Some("Dustin Brinkmann"));
    assert_eq!(anna.region.as_deref(), Some("Central"));
    assert_eq!(anna.capacity, None);
}

#[test]
fn maven_pipeline_keeps_deals_without_an_account_as_warnings() {
    let sheet = read(&shared("maven-crm-sales-opportunities/sales_pipeline.csv"));
    assert_eq!(sheet.kind, SheetKind::Opportunities);
    assert_eq!(sheet.rows_read, 8800);
    let deals = opportunities(&sheet);
    assert_eq!(deals.len(), 8800);

    let count = |stage: &str| deals.iter().filter(|d| d.stage == stage).count();
    assert_eq!(count("Won"), 4238);
    assert_eq!(count("Lost"), 2473);
    assert_eq!(count("Engaging"), 1589);
    assert_eq!(count("Prospecting"), 500);
    assert_eq!(
        deals.iter().filter(|d| d.outcome == Outcome::Won).count(),
        4238
    );
    assert_eq!(
        deals.iter().filter(|d| d.outcome == Outcome::Lost).count(),
        2473
    );
    assert_eq!(
        deals.iter().filter(|d| d.outcome == Outcome::Open).count(),
        2089
    );

    assert_eq!(deals.iter().filter(|d| d.account.is_none()).count(), 1425);
    let no_account = sheet
        .problems
        .iter()
        .filter(|p| p.column.as_deref() == Some("account") && !p.rejected)
        .count();
    assert_eq!(no_account, 1425);
    assert!(sheet.problems.iter().all(|p| !p.rejected));

    let first = &deals[0];
    assert_eq!(first.key, "1C1I7A6R");
    assert_eq!(first.owner.as_deref(), Some("Moses Frase"));
    assert_eq!(first.product.as_deref(), Some("GTX Plus Basic"));
    assert_eq!(first.amount, Some(1054.0));
    assert_eq!(first.created, Some(date(2016, 10, 20)));
    assert_eq!(first.closed, Some(date(2017, 3, 1)));
    let open = deals.iter().find(|d| d.stage == "Prospecting").unwrap();
    assert_eq!(
        open.amount, None,
        "a blank close value is missing, not zero"
    );
}

#[test]
fn maven_products_are_a_catalogue() {
    let sheet = read(&shared("maven-crm-sales-opportunities/products.csv"));
    assert_eq!(sheet.kind, SheetKind::Products);
    let products = products(&sheet);
    assert_eq!(products.len(), 7);
    let pro = products.iter().find(|p| p.name == "GTX Pro").unwrap();
    assert_eq!(pro.series.as_deref(), Some("GTX"));
    assert_eq!(pro.price, Some(4821.0));
}

#[test]
fn maven_data_dictionary_is_refused_with_the_reason() {
    let path = shared("maven-crm-sales-opportunities/data_dictionary.csv");
    let err = read_file(&path, &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, Error::NoKind { .. }));
    let message = err.to_string();
    assert!(message.starts_with(
        "data_dictionary.csv: the headers (Table, Field, Description) match no sheet Terrain imports"
    ));
    assert!(message.contains("--kind"));
}

// ---- CRM-style headers ----

#[test]
fn salesforce_account_headers_map_to_account_fields() {
    let sheet = read(&fixture("sf_accounts.csv"));
    assert_eq!(sheet.kind, SheetKind::Accounts);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].key, "0015g00000AbCdE");
    assert_eq!(
        accounts[1].key, "0015g00000ABCDE",
        "ids keep their letter case"
    );
    assert_eq!(accounts[0].name, "Fernhill Tools");
    assert_eq!(accounts[0].owner.as_deref(), Some("Ana Ortiz"));
    assert_eq!(accounts[0].revenue, Some(4_200_000.0));
    assert_eq!(accounts[0].employees, Some(120.0));
    assert_eq!(accounts[0].state.as_deref(), Some("MA"));
    assert_eq!(accounts[0].country.as_deref(), Some("United States"));
    assert_eq!(accounts[1].revenue, None);
    assert_eq!(accounts[1].employees, None, "n/a is missing, never zero");
    assert!(sheet.custom_fields.is_empty());
}

#[test]
fn salesforce_opportunity_headers_map_stages_to_outcomes_and_us_dates() {
    let sheet = read(&fixture("sf_opportunities.csv"));
    assert_eq!(sheet.kind, SheetKind::Opportunities);
    let deals = opportunities(&sheet);
    assert_eq!(deals.len(), 3);
    assert_eq!(deals[0].outcome, Outcome::Won);
    assert_eq!(deals[0].stage, "Closed Won");
    assert_eq!(deals[1].outcome, Outcome::Lost);
    assert_eq!(deals[2].outcome, Outcome::Open);
    assert_eq!(deals[2].stage, "Negotiation/Review");
    assert_eq!(deals[0].account.as_deref(), Some("Quarry Lane Media"));
    assert_eq!(deals[0].owner.as_deref(), Some("Tom Reyes"));
    assert_eq!(deals[0].created, Some(date(2024, 1, 15)));
    assert_eq!(
        deals[0].closed,
        Some(date(2024, 3, 2)),
        "month-first proven by the Created Date column's 01/15"
    );
    assert!(sheet
        .problems
        .iter()
        .any(|p| p.column.as_deref() == Some("Close Date")
            && p.message
                .contains("read month-first like the column \"Created Date\"")));
    assert_eq!(deals[2].closed, None);
    assert_eq!(text(deals[0].custom.get("Opportunity Name")), "Pilot");
}

#[test]
fn hubspot_deal_headers_are_opportunities() {
    let sheet = read(&fixture("hubspot_deals.csv"));
    assert_eq!(sheet.kind, SheetKind::Opportunities);
    let deals = opportunities(&sheet);
    assert_eq!(deals[0].key, "9001");
    assert_eq!(deals[0].outcome, Outcome::Won);
    assert_eq!(deals[0].created, Some(date(2024, 1, 5)));
    assert_eq!(deals[0].account.as_deref(), Some("Fernhill Tools"));
    assert_eq!(deals[1].outcome, Outcome::Open);
    assert_eq!(deals[1].amount, None);
}

#[test]
fn rep_headers_map_to_reps_and_fractional_capacity_is_a_warning() {
    let sheet = read(&fixture("sf_reps.csv"));
    assert_eq!(sheet.kind, SheetKind::Reps);
    let reps = reps(&sheet);
    assert_eq!(reps.len(), 3);
    assert_eq!(reps[0].capacity, Some(40));
    assert_eq!(reps[0].team.as_deref(), Some("East"));
    assert_eq!(reps[0].region.as_deref(), Some("Northeast"));
    assert_eq!(reps[1].capacity, None);
    assert_eq!(reps[2].capacity, None);
    let warning = sheet.problems.iter().find(|p| p.row == Some(4)).unwrap();
    assert!(!warning.rejected);
    assert_eq!(warning.column.as_deref(), Some("Capacity"));
}

#[test]
fn crm_user_id_headers_give_reps_their_crm_user_id() {
    let dir = tempfile::tempdir().unwrap();
    for header in ["User ID", "Owner ID", "OwnerId", "crm_user_id"] {
        let path = dir.path().join("users.csv");
        std::fs::write(
            &path,
            format!("Sales Rep,{header}\nAna Ortiz,0055g00000AbCdE\n"),
        )
        .unwrap();
        let sheet = read(&path);
        assert_eq!(sheet.kind, SheetKind::Reps, "{header}");
        assert_eq!(
            reps(&sheet)[0].crm_user_id.as_deref(),
            Some("0055g00000AbCdE"),
            "{header}"
        );
    }
}

#[test]
fn signal_headers_map_kinds_and_reject_rows_without_a_date() {
    let sheet = read(&fixture("signals.csv"));
    assert_eq!(sheet.kind, SheetKind::Signals);
    assert_eq!(sheet.rows_read, 5);
    let signals = signals(&sheet);
    assert_eq!(signals.len(), 4);
    assert_eq!(signals[0].kind, "email_open");
    assert_eq!(signals[0].date, date(2024, 4, 15));
    assert_eq!(signals[1].kind, "web_visit");
    assert_eq!(
        signals[1].date,
        date(2024, 4, 3),
        "day-first proven by 15/04 in the column"
    );
    assert_eq!(signals[2].kind, "intent");
    assert_eq!(signals[2].topic.as_deref(), Some("CRM software"));
    assert_eq!(signals[2].strength, Some(87.0));
    assert_eq!(signals[3].kind, "call");
    let rejected: Vec<_> = sheet.problems.iter().filter(|p| p.rejected).collect();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].row, Some(5));
    assert_eq!(rejected[0].column.as_deref(), Some("Activity Date"));
}

#[test]
fn ambiguous_dates_are_refused_with_the_question_until_the_order_is_chosen() {
    let err = read_file(&fixture("ambiguous_dates.csv"), &ReadOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ambiguous_dates.csv: row 2, column \"Activity Date\": \"03/04/2024\" reads as \
         day-first or month-first, and no value in the column settles it (say which in the \
         import's column settings, or with --dates \"Activity Date=day-first\" or --dates \
         \"Activity Date=month-first\")"
    );

    for (order, expected) in [
        (DateOrder::DayFirst, [date(2024, 4, 3), date(2024, 6, 5)]),
        (DateOrder::MonthFirst, [date(2024, 3, 4), date(2024, 5, 6)]),
    ] {
        let options = ReadOptions {
            date_orders: vec![("activity date".into(), order)],
            ..ReadOptions::default()
        };
        let sheet = read_file(&fixture("ambiguous_dates.csv"), &options).unwrap();
        let days: Vec<_> = signals(&sheet).iter().map(|s| s.date).collect();
        assert_eq!(days, expected, "{order:?}");
    }
}

// ---- the X Education leads workbook saved as .csv (case 33, real data) ----

#[test]
fn an_xlsx_named_csv_is_read_as_a_workbook_with_mapped_id_and_outcome() {
    let path = shared("x-education-leads-xlsx-named-csv/Leads.csv");
    let map = [("id", "Prospect ID"), ("outcome", "Converted")];
    let sheet = read_with(&path, Some(SheetKind::Accounts), &map);
    assert_eq!(sheet.rows_read, 9240);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 9240);
    assert_eq!(
        accounts.iter().filter(|a| a.outcome == Some(true)).count(),
        3561
    );
    assert!(accounts.iter().all(|a| a.outcome.is_some()));
    assert!(accounts
        .iter()
        .all(|a| a.name == a.key && !a.key.is_empty()));
    assert!(sheet.custom_fields.contains(&"Lead Source".to_string()));
    assert!(
        accounts
            .iter()
            .all(|a| a.custom.get("City") != Some(&CustomValue::Text("Select".into()))),
        "the form default Select is missing, not a city"
    );

    let detected = read_with(&path, None, &map);
    assert_eq!(
        detected.kind,
        SheetKind::Accounts,
        "a mapped id makes it an accounts sheet"
    );
}

#[test]
fn case_33_a_small_workbook_named_csv_is_never_parsed_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.csv");
    workbook(
        &path,
        &[(
            "Deals",
            false,
            vec![
                vec![Some("Opportunity ID"), Some("Stage"), Some("Amount")],
                vec![Some("D-1"), Some("Won"), Some("1200")],
            ],
        )],
    );
    let sheet = read(&path);
    assert_eq!(sheet.file, "deals.csv");
    let deals = opportunities(&sheet);
    assert_eq!(deals.len(), 1);
    assert_eq!(deals[0].amount, Some(1200.0));
}

// ---- cases from shared/cases/README.md ----

#[test]
fn case_01_a_bom_never_reaches_the_first_header() {
    let sheet = read(&fixture("case01_accounts_bom.csv"));
    assert_eq!(sheet.kind, SheetKind::Accounts);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].name, "Fernhill Tools");
    assert_eq!(accounts[1].name, "Quarry Lane Media");
    assert_eq!(accounts[0].revenue, Some(4_200_000.0));
    assert!(accounts.iter().all(|a| !a.name.contains('\u{feff}')));
}

#[test]
fn case_02_the_first_column_survives_a_bom_in_csv_and_workbook() {
    let sheet = read(&fixture("case02_bom_opportunity_id.csv"));
    assert_eq!(sheet.custom_fields[0].as_bytes(), b"opportunity_id");
    let first = &accounts(&sheet)[0];
    assert_eq!(text(first.custom.get("opportunity_id")), "OPP-001");

    let mapped = read_with(
        &fixture("case02_bom_opportunity_id.csv"),
        Some(SheetKind::Accounts),
        &[("id", "opportunity_id")],
    );
    assert_eq!(accounts_key(&mapped), "OPP-001");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.xlsx");
    workbook(
        &path,
        &[(
            "Sheet1",
            false,
            vec![
                vec![Some("\u{feff}opportunity_id"), Some("account")],
                vec![Some("OPP-001"), Some("Fernhill Tools")],
            ],
        )],
    );
    let sheet = read(&path);
    assert_eq!(sheet.custom_fields[0].as_bytes(), b"opportunity_id");
    assert_eq!(
        text(accounts(&sheet)[0].custom.get("opportunity_id")),
        "OPP-001"
    );
}

fn accounts_key(sheet: &ParsedSheet) -> &str {
    &accounts(sheet)[0].key
}

#[test]
fn case_03_windows_1252_is_decoded_and_reported() {
    let sheet = read(&fixture("case03_windows_1252.csv"));
    let accounts = accounts(&sheet);
    assert_eq!(accounts[0].name, "Café Orléans SARL");
    assert_eq!(text(accounts[0].custom.get("City")), "Besançon");
    assert!(!accounts[0].name.contains('\u{fffd}'));
    assert!(sheet
        .problems
        .iter()
        .any(|p| p.message.contains("windows-1252")));
}

#[test]
fn case_04_a_semicolon_file_is_split_into_its_columns() {
    let sheet = read(&fixture("case04_semicolon.csv"));
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 2);
    assert_eq!(sheet.custom_fields, vec!["Rep", "Amount"]);
    assert_eq!(text(accounts[0].custom.get("Rep")), "Ana Ortiz");
    assert!(close(number(accounts[0].custom.get("Amount")), 12500.0));
    assert!(close(number(accounts[1].custom.get("Amount")), 980.5));
}

#[test]
fn case_05_decimal_commas_stay_inside_their_cells() {
    let sheet = read_with(
        &fixture("case05_decimal_comma.csv"),
        Some(SheetKind::Accounts),
        &[("name", "Deal")],
    );
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 2);
    assert!(close(number(accounts[0].custom.get("Amount")), 125.5));
    assert!(close(number(accounts[0].custom.get("Discount")), 20.08));
    assert!(close(number(accounts[1].custom.get("Amount")), -12.25));
    assert!(close(number(accounts[1].custom.get("Discount")), 0.0));
}

#[test]
fn case_06_euro_amounts_with_decimal_comma_are_not_a_hundred_times_too_large() {
    let sheet = read(&fixture("case06_euro_amounts.csv"));
    let accounts = accounts(&sheet);
    assert!(close(number(accounts[0].custom.get("Close Value")), 10.0));
    assert!(close(
        number(accounts[1].custom.get("Close Value")),
        4711.98
    ));
}

#[test]
fn case_07_one_value_with_a_decimal_comma_decides_the_whole_column() {
    let sheet = read_with(
        &fixture("case07_thousands_dot.csv"),
        Some(SheetKind::Accounts),
        &[("name", "Deal")],
    );
    let accounts = accounts(&sheet);
    assert!(close(number(accounts[0].custom.get("Amount")), 1000.0));
    assert!(close(number(accounts[1].custom.get("Amount")), 2350.75));
    assert!(close(number(accounts[2].custom.get("Amount")), 15000.0));
}

#[test]
fn case_08_grouping_spaces_and_apostrophes_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grouping.csv");
    std::fs::write(
        &path,
        "Deal;Amount\nD-7;1.355,90€\nD-8;1\u{a0}355,90 €\nD-9;1\u{202f}355,90 €\n",
    )
    .unwrap();
    let sheet = read_with(&path, Some(SheetKind::Accounts), &[("name", "Deal")]);
    for account in accounts(&sheet) {
        assert!(
            close(number(account.custom.get("Amount")), 1355.9),
            "{account:?}"
        );
    }
    std::fs::write(&path, "Deal,Amount\nD-7,CHF 1'355.90\n").unwrap();
    let sheet = read_with(&path, Some(SheetKind::Accounts), &[("name", "Deal")]);
    assert!(close(
        number(accounts(&sheet)[0].custom.get("Amount")),
        1355.9
    ));
}

#[test]
fn case_09_currency_strings_parse_and_placeholders_are_missing_not_zero() {
    let map = [("name", "Opportunity"), ("revenue", "Amount")];
    let sheet = read_with(
        &fixture("case09_currency_strings.csv"),
        Some(SheetKind::Accounts),
        &map,
    );
    let revenue: Vec<Option<f64>> = accounts(&sheet).iter().map(|a| a.revenue).collect();
    assert_eq!(
        revenue,
        vec![
            Some(1200.5),
            Some(-350.0),
            Some(-5.74),
            Some(2500.0),
            None,
            None
        ]
    );
    assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);
}

#[test]
fn case_14_postal_codes_keep_their_leading_zeros() {
    let sheet = read(&fixture("case14_postal_codes.csv"));
    let accounts = accounts(&sheet);
    let codes: Vec<&str> = accounts
        .iter()
        .map(|a| text(a.custom.get("BillingPostalCode")))
        .collect();
    assert_eq!(codes, vec!["02138", "04101", "01730-2603"]);
    assert_eq!(accounts[0].state.as_deref(), Some("MA"));
}

#[test]
fn case_16_duplicate_headers_are_made_unique_and_reported() {
    let sheet = read(&fixture("case16_duplicate_headers.csv"));
    assert_eq!(sheet.custom_fields, vec!["Amount", "Stage", "Amount (2)"]);
    let account = &accounts(&sheet)[0];
    assert!(close(number(account.custom.get("Amount")), 1000.0));
    assert!(close(number(account.custom.get("Amount (2)")), 1200.0));
    let told = sheet
        .problems
        .iter()
        .find(|p| p.column.as_deref() == Some("Amount (2)"))
        .unwrap();
    assert_eq!(told.row, Some(1));

    let sheet = read(&fixture("case16_blank_and_case_headers.csv"));
    assert_eq!(
        sheet.custom_fields,
        vec!["amount", "Column 3", "Amount (2)"]
    );
}

#[test]
fn case_18_trailing_blank_rows_are_not_records() {
    let sheet = read(&fixture("case18_trailing_blank_rows.csv"));
    assert_eq!(sheet.kind, SheetKind::Reps);
    assert_eq!(sheet.rows_read, 2);
    assert_eq!(reps(&sheet).len(), 2);
    assert_eq!(reps(&sheet)[1].capacity, Some(35));
    assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reps.xlsx");
    workbook(
        &path,
        &[(
            "Reps",
            false,
            vec![
                vec![Some("Rep"), Some("Capacity")],
                vec![Some("Ana Ortiz"), Some("40")],
                vec![None, None],
                vec![Some("Tom Reyes"), Some("35")],
                vec![Some(" "), None],
                vec![Some(""), Some("")],
            ],
        )],
    );
    let sheet = read(&path);
    assert_eq!(sheet.rows_read, 2);
    assert_eq!(reps(&sheet).len(), 2);
    assert_eq!(reps(&sheet)[0].capacity, Some(40));
}

#[test]
fn case_19_a_hidden_first_sheet_is_skipped_unless_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.xlsx");
    workbook(
        &path,
        &[
            ("lists", true, vec![vec![Some("Stage")], vec![Some("Won")]]),
            (
                "Opportunities",
                false,
                vec![
                    vec![Some("Opportunity ID"), Some("Stage")],
                    vec![Some("D-1"), Some("Won")],
                    vec![Some("D-2"), Some("Lost")],
                    vec![Some("D-3"), Some("Prospecting")],
                ],
            ),
        ],
    );
    assert_eq!(opportunities(&read(&path)).len(), 3);

    let options = ReadOptions {
        sheet: Some("nope".into()),
        ..ReadOptions::default()
    };
    let err = read_file(&path, &options).unwrap_err();
    assert!(err.to_string().contains("lists, Opportunities"), "{err}");
}

#[test]
fn case_20_quoted_line_breaks_stay_in_one_cell() {
    for name in ["case20_multiline.csv", "case20_multiline_crlf.csv"] {
        let sheet = read(&fixture(name));
        assert_eq!(sheet.rows_read, 2);
        let accounts = accounts(&sheet);
        assert_eq!(accounts.len(), 2);
        assert_eq!(accounts[0].owner.as_deref(), Some("Ana Ortiz"));
        assert_eq!(accounts[1].name, "Pine Ridge Co");
        assert!(!accounts[1].custom.contains_key("Notes"));
    }
    let sheet = read(&fixture("case20_multiline.csv"));
    let notes = text(accounts(&sheet)[0].custom.get("Notes")).to_string();
    assert_eq!(
        notes,
        "Met CFO on site\nWants pilot in Q3\n\"Budget ok\", per email"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes.csv");
    let table = Table {
        name: "Accounts".into(),
        headers: vec!["Account".into(), "Notes".into()],
        rows: vec![vec![
            Cell::Text("Harbor Mills".into()),
            Cell::Text(notes.clone()),
        ]],
    };
    write_csv(&out, &table).unwrap();
    let again = read(&out);
    assert_eq!(text(accounts(&again)[0].custom.get("Notes")), notes);
}

#[test]
fn row_numbers_count_records_not_lines_and_ragged_rows_are_rejected() {
    let sheet = read(&fixture("ragged.csv"));
    assert_eq!(sheet.rows_read, 4);
    assert_eq!(accounts(&sheet).len(), 2);
    let rejected: Vec<Option<u32>> = sheet
        .problems
        .iter()
        .filter(|p| p.rejected)
        .map(|p| p.row)
        .collect();
    assert_eq!(rejected, vec![Some(3), Some(4)]);
    let blank = sheet
        .problems
        .iter()
        .find(|p| p.message.contains("blank row"));
    let blank = blank.unwrap_or_else(|| panic!("{:?}", sheet.problems));
    assert_eq!(blank.row, Some(5));
    let bad = sheet.problems.iter().find(|p| p.row == Some(6));
    let bad = bad.unwrap_or_else(|| panic!("{:?}", sheet.problems));
    assert!(!bad.rejected);
    assert_eq!(bad.column.as_deref(), Some("Annual Revenue"));
    assert!(bad.message.contains("\"abc\" is not a number"));
    assert_eq!(accounts(&sheet)[1].revenue, None);
}

fn injection_table() -> Table {
    let names = [
        "=HYPERLINK(\"http://example.invalid\",\"Click\")",
        "+1-555-0100 Ltd",
        "@Risk Partners",
        "-Minus Corp",
        "\tTabbed",
        "Plain Co",
    ];
    Table {
        name: "Accounts".into(),
        headers: vec!["Account Name".into(), "Amount".into(), "Closed".into()],
        rows: names
            .iter()
            .map(|n| {
                vec![
                    Cell::Text(n.to_string()),
                    Cell::Number(-350.0),
                    Cell::Date(date(2024, 3, 5)),
                ]
            })
            .collect(),
    }
}

#[test]
fn case_21_formula_text_is_imported_raw() {
    let sheet = read(&fixture("case21_formulas.csv"));
    let names: Vec<&str> = accounts(&sheet).iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names[0], "=HYPERLINK(\"http://example.invalid\",\"Click\")");
    assert_eq!(
        names[1..],
        ["+1-555-0100 Ltd", "@Risk Partners", "-Minus Corp"]
    );
}

#[test]
fn case_21_csv_export_neutralises_formulas_but_not_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.csv");
    write_csv(&path, &injection_table()).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert_eq!(lines[0], "Account Name,Amount,Closed");
    assert_eq!(
        lines[1],
        "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Click\"\")\",-350,2024-03-05"
    );
    assert_eq!(lines[2], "'+1-555-0100 Ltd,-350,2024-03-05");
    assert_eq!(lines[3], "'@Risk Partners,-350,2024-03-05");
    assert_eq!(lines[4], "'-Minus Corp,-350,2024-03-05");
    assert!(lines[5].starts_with("'\tTabbed,") || lines[5].starts_with("\"'\tTabbed\","));
    assert_eq!(lines[6], "Plain Co,-350,2024-03-05");
    let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
}

#[test]
fn case_21_xlsx_export_writes_formulas_as_strings_and_round_trips() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.xlsx");
    let mut other = injection_table();
    other.name = "Second".into();
    write_xlsx(&path, &[injection_table(), other]).unwrap();

    let mut book = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), vec!["Accounts", "Second"]);
    let formulas = book.worksheet_formula("Accounts").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );
    let range = book.worksheet_range("Accounts").unwrap();
    assert_eq!(
        range.get((1, 0)),
        Some(&Data::String(
            "=HYPERLINK(\"http://example.invalid\",\"Click\")".into()
        ))
    );
    assert_eq!(range.get((4, 0)), Some(&Data::String("-Minus Corp".into())));
    assert_eq!(range.get((1, 1)), Some(&Data::Float(-350.0)));

    let sheet = read(&path);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 6);
    assert_eq!(accounts[2].name, "@Risk Partners");
    assert!(close(number(accounts[0].custom.get("Amount")), -350.0));
    assert_eq!(
        text(accounts[0].custom.get("Closed")),
        "2024-03-05",
        "dates come back as dates"
    );
}

#[test]
fn a_failed_export_leaves_no_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xlsx");
    let mut table = injection_table();
    table.name = "bad/name".into();
    let err = write_xlsx(&path, &[table]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("bad.xlsx: cannot write the workbook"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn case_34_a_european_reexport_with_bom_semicolons_crlf_and_dotted_dates() {
    let path = fixture("case34_european_reexport.csv");
    let map = [
        ("account", "mql_id"),
        ("date", "won_date"),
        ("kind", "business_segment"),
    ];
    let sheet = read_with(&path, Some(SheetKind::Signals), &map);
    let signals = signals(&sheet);
    assert_eq!(signals.len(), 2);
    assert_eq!(signals[0].account, "m-01");
    assert_eq!(signals[0].date, date(2018, 2, 26));
    assert_eq!(signals[1].date, date(2018, 5, 8));
    assert_eq!(signals[1].kind, "car_accessories");

    let map = [
        ("name", "mql_id"),
        ("industry", "business_segment"),
        ("revenue", "declared_monthly_revenue"),
    ];
    let sheet = read_with(&path, Some(SheetKind::Accounts), &map);
    let accounts = accounts(&sheet);
    assert_eq!(accounts[0].industry.as_deref(), Some("Pet"));
    assert_eq!(accounts[0].revenue, Some(0.0));
    assert_eq!(accounts[1].revenue, Some(100000.0));
}

#[test]
fn the_real_olist_reexport_reads_as_signals_when_mapped() {
    let path = shared(
        "olist-marketing-funnel-semicolon-bom-reexport/olist_marketing_qualified_leads_dataset.csv",
    );
    let map = [
        ("account", "mql_id"),
        ("date", "first_contact_date"),
        ("kind", "origin"),
    ];
    let sheet = read_with(&path, Some(SheetKind::Signals), &map);
    assert_eq!(sheet.rows_read, 8000);
    assert!(signals(&sheet).len() > 7900);
    assert!(signals(&sheet)
        .iter()
        .all(|s| s.date.format("%Y").to_string().starts_with("201")));
}

// ---- refusals ----

#[test]
fn an_unknown_map_field_lists_the_valid_ones() {
    let options = ReadOptions {
        kind: Some(SheetKind::Reps),
        map: vec![("quota".into(), "Capacity".into())],
        ..ReadOptions::default()
    };
    let err = read_file(&fixture("sf_reps.csv"), &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sf_reps.csv: \"quota\" is not a field of reps (the fields are: name, team, region, \
         capacity, crm_user_id)"
    );
}

#[test]
fn a_mapped_header_missing_from_the_file_is_refused() {
    let options = ReadOptions {
        kind: None,
        map: vec![("capacity".into(), "Quota".into())],
        ..ReadOptions::default()
    };
    let err = read_file(&fixture("sf_reps.csv"), &options).unwrap_err();
    assert!(matches!(err, Error::MissingHeader { .. }));
    assert!(err
        .to_string()
        .starts_with("sf_reps.csv: --map capacity=Quota: there is no column \"Quota\""));
}

#[test]
fn headers_fitting_two_kinds_equally_ask_for_a_kind() {
    let err = read_file(
        &fixture("products_and_signals.csv"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "products_and_signals.csv: the headers fit signals and products equally well (use --kind to say which it is)"
    );
}

#[test]
fn a_given_kind_without_its_required_column_is_refused() {
    let options = ReadOptions {
        kind: Some(SheetKind::Opportunities),
        ..ReadOptions::default()
    };
    let err = read_file(&fixture("case05_decimal_comma.csv"), &options).unwrap_err();
    assert_eq!(
        err.to_string(),
        "case05_decimal_comma.csv: opportunities need a column for \"stage\" and none was found \
         (use --map stage=HEADER)"
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = read_file(
        Path::new("/nonexistent/accounts.csv"),
        &ReadOptions::default(),
    )
    .unwrap_err();
    assert!(err
        .to_string()
        .starts_with("accounts.csv: cannot read the file"));
}

#[test]
fn kind_names_parse_and_print() {
    for kind in SheetKind::ALL {
        assert_eq!(SheetKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(SheetKind::parse(" Accounts "), Some(SheetKind::Accounts));
    assert_eq!(SheetKind::parse("leads"), None);
}

// ---- dates decided per column (cases 10 to 13) ----

#[test]
fn case_10_a_day_over_twelve_proves_day_first_for_the_whole_column() {
    let map = [
        ("account", "account"),
        ("date", "last_activity"),
        ("kind", "activity"),
    ];
    let sheet = read_with(&fixture("case10_day_first.csv"), None, &map);
    assert_eq!(sheet.rows_read, 2);
    let days: Vec<_> = signals(&sheet).iter().map(|s| s.date).collect();
    assert_eq!(days, [date(2024, 4, 15), date(2024, 4, 3)]);
    assert!(sheet.problems.is_empty(), "{:?}", sheet.problems);
}

fn case_11(options: &ReadOptions) -> ParsedSheet {
    let options = ReadOptions {
        kind: Some(SheetKind::Opportunities),
        map: vec![
            ("id".into(), "deal".into()),
            ("closed".into(), "close_date".into()),
        ],
        ..options.clone()
    };
    read_file(&fixture("case11_mixed_dates.csv"), &options).unwrap()
}

#[test]
fn case_11_mixed_formats_take_one_order_and_serials_only_when_declared() {
    let err = read_file(
        &fixture("case11_mixed_dates.csv"),
        &ReadOptions {
            kind: Some(SheetKind::Opportunities),
            map: vec![
                ("id".into(), "deal".into()),
                ("closed".into(), "close_date".into()),
            ],
            ..ReadOptions::default()
        },
    )
    .unwrap_err();
    assert!(matches!(&err, Error::Unsettled(u) if u.row == 3), "{err}");

    let day_first = ReadOptions {
        date_orders: vec![("close_date".into(), DateOrder::DayFirst)],
        ..ReadOptions::default()
    };
    let sheet = case_11(&day_first);
    let closed: Vec<_> = opportunities(&sheet).iter().map(|d| d.closed).collect();
    let march_5 = Some(date(2024, 3, 5));
    assert_eq!(closed[..4], [march_5, march_5, march_5, None]);
    assert_eq!(closed[4], Some(date(2031, 1, 1)), "kept, not dropped");
    let serial = sheet
        .problems
        .iter()
        .find(|p| p.row.is_none() && p.column.as_deref() == Some("close_date"))
        .unwrap();
    assert!(
        serial
            .message
            .starts_with("1 value(s) look like Excel serial dates (the first, 45356, in row 5)"),
        "{}",
        serial.message
    );
    let future: Vec<_> = sheet
        .problems
        .iter()
        .filter(|p| p.message.contains("close date after today"))
        .collect();
    assert_eq!(future.len(), 1);
    assert_eq!(future[0].row, Some(6));

    let declared = ReadOptions {
        serial_dates: vec!["close_date".into()],
        ..day_first
    };
    let sheet = case_11(&declared);
    assert_eq!(
        opportunities(&sheet)[3].closed,
        march_5,
        "45356 is 2024-03-05"
    );
}

#[test]
fn case_12_a_formatted_date_is_a_date_and_a_general_serial_is_flagged() {
    let sheet = read(&fixture("case12_dates_and_serials.xlsx"));
    assert_eq!(sheet.kind, SheetKind::Opportunities);
    let deals = opportunities(&sheet);
    assert_eq!(deals[0].closed, Some(date(2024, 3, 5)));
    assert_eq!(
        deals[1].closed, None,
        "a General-format number is not silently a date"
    );
    assert!(sheet
        .problems
        .iter()
        .any(|p| p.row.is_none() && p.message.contains("look like Excel serial dates")));

    let options = ReadOptions {
        serial_dates: vec!["close_date".into()],
        ..ReadOptions::default()
    };
    let sheet = read_file(&fixture("case12_dates_and_serials.xlsx"), &options).unwrap();
    assert_eq!(opportunities(&sheet)[1].closed, Some(date(2024, 3, 5)));
}

#[test]
fn case_13_formula_dates_stay_dates_in_xlsx_and_xls() {
    for file in ["case13_formula_dates.xlsx", "case13_formula_dates.xls"] {
        let sheet = read(&fixture(file));
        let closed: Vec<_> = opportunities(&sheet).iter().map(|d| d.closed).collect();
        assert_eq!(
            closed,
            [Some(date(2024, 3, 5)), Some(date(2024, 3, 6))],
            "{file}"
        );
    }
}

#[test]
fn case_13_a_1904_workbook_gives_the_same_calendar_date() {
    let sheet = read(&fixture("case13_epoch_1904.xlsx"));
    assert_eq!(opportunities(&sheet)[0].closed, Some(date(2024, 3, 5)));
}

// ---- workbooks ----

#[test]
fn case_17_formatted_empty_rows_are_not_rows() {
    let sheet = read(&fixture("case17_formatted_empty_rows.xlsx"));
    assert_eq!(sheet.rows_read, 2);
    let accounts = accounts(&sheet);
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].revenue, Some(4_200_000.0));
    assert!(
        sheet
            .problems
            .iter()
            .all(|p| p.message != "blank row skipped"),
        "trailing formatting is not reported row by row"
    );
}

#[test]
fn case_19_the_sheet_picker_lists_hidden_sheets_and_preselects_the_visible_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.xlsx");
    workbook(
        &path,
        &[
            ("lists", true, vec![vec![Some("Stage")], vec![Some("Won")]]),
            (
                "Opportunities",
                false,
                vec![
                    vec![Some("Opportunity ID"), Some("Stage")],
                    vec![Some("D-1"), Some("Won")],
                ],
            ),
        ],
    );
    let sheet = terrain_sheets::open(&path, None).unwrap();
    let names: Vec<_> = sheet
        .sheets()
        .iter()
        .map(|s| (s.name.as_str(), s.hidden))
        .collect();
    assert_eq!(names, [("lists", true), ("Opportunities", false)]);
    assert_eq!(sheet.sheet(), Some("Opportunities"));
}

// ---- big files (case 23) ----

#[test]
fn case_23_a_large_file_is_read_in_batches_with_the_bad_row_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let rows = 100_000u32;
    let mut text = String::from(
        "Account Name,Industry,Employees,Annual Revenue,Billing Country,Owner,Website,Notes\n",
    );
    for n in 1..=rows {
        if n == rows - 1 {
            text.push_str("Account-broken,Retail,12\n");
        } else {
            text.push_str(&format!(
                "Account-{n},Retail,{n},{},Germany,Rep {},account{n}.example,\"line one\nline two\"\n",
                n * 10,
                n % 7
            ));
        }
    }
    std::fs::write(&path, text).unwrap();

    let mut sheet = terrain_sheets::open(&path, None).unwrap();
    assert_eq!(sheet.rows(), rows);
    let plan = sheet.plan(&ReadOptions::default()).unwrap();
    let (mut batches, mut kept, mut last_done) = (0, 0, 0);
    let mut rejected = Vec::new();
    let finished = sheet
        .read(&plan, 10_000, |batch| {
            batches += 1;
            kept += batch.records.len();
            assert!(batch.rows_done >= last_done, "progress only goes forward");
            last_done = batch.rows_done;
            rejected.extend(batch.problems.into_iter().filter(|p| p.rejected));
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    assert_eq!(finished, ReadEnd::Done);
    assert!(batches >= 10, "{batches} batches");
    assert_eq!(kept, rows as usize - 1);
    assert_eq!(last_done, rows);
    assert_eq!(rejected.len(), 1);
    // Each record spans two lines, but a spreadsheet shows it as one row.
    assert_eq!(
        rejected[0].row,
        Some(rows),
        "header is row 1, so data row n is row n + 1"
    );

    let mut seen = 0;
    let finished = sheet
        .read(&plan, 1_000, |batch| {
            seen += batch.records.len();
            std::ops::ControlFlow::Break(())
        })
        .unwrap();
    assert_eq!(finished, ReadEnd::Stopped, "a stop request ends the read");
    assert_eq!(seen, 1_000);
}

/// An accounts file of `rows` data rows whose `Tier` column holds numbers, except `odd_row`'s
/// value `Gold` when given.
fn tiers_file(path: &Path, rows: u32, odd_row: Option<u32>) {
    let mut text = String::from("Account ID,Account Name,Tier\n");
    for n in 1..=rows {
        let tier = if Some(n) == odd_row {
            "Gold".to_string()
        } else {
            (n % 5).to_string()
        };
        text.push_str(&format!("A-{n},Account {n},{tier}\n"));
    }
    std::fs::write(path, text).unwrap();
}

fn read_all(
    sheet: &mut terrain_sheets::Sheet,
    plan: &terrain_sheets::Plan,
) -> (ReadEnd, Vec<AccountRecord>, Vec<terrain_sheets::Problem>) {
    let (mut records, mut problems) = (Vec::new(), Vec::new());
    let end = sheet
        .read(plan, 5_000, |batch| {
            if let Records::Accounts(batch_records) = batch.records {
                records.extend(batch_records);
            }
            problems.extend(batch.problems);
            std::ops::ControlFlow::Continue(())
        })
        .unwrap();
    (end, records, problems)
}

#[test]
fn a_large_file_surveyed_by_its_head_is_read_once_and_counted_exactly_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accounts.csv");
    tiers_file(&path, 25_000, None);

    let mut sheet = terrain_sheets::open_head(&path, None).unwrap();
    assert!(!sheet.surveyed_whole());
    let estimate = sheet.rows();
    assert!(
        (20_000..=30_000).contains(&estimate),
        "the size gives about the right count: {estimate}"
    );
    let plan = sheet.plan(&ReadOptions::default()).unwrap();
    let (end, records, _) = read_all(&mut sheet, &plan);

    assert_eq!(end, ReadEnd::Done);
    assert_eq!(records.len(), 25_000);
    assert!(sheet.surveyed_whole());
    assert_eq!(sheet.rows(), 25_000);
    assert_eq!(records[24_999].custom["Tier"], CustomValue::Number(0.0));
}

#[test]
fn a_value_past_the_head_that_changes_a_reading_outdates_the_plan_and_the_whole_plan_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accounts.csv");
    tiers_file(&path, 25_000, Some(20_000));

    let mut sheet = terrain_sheets::open_head(&path, None).unwrap();
    let head_plan = sheet.plan(&ReadOptions::default()).unwrap();
    let (end, _, _) = read_all(&mut sheet, &head_plan);
    assert_eq!(end, ReadEnd::Outdated, "the head read Tier as numbers");

    let plan = sheet.plan(&ReadOptions::default()).unwrap();
    let (end, records, _) = read_all(&mut sheet, &plan);
    assert_eq!(end, ReadEnd::Done);
    // What a survey of the whole file decides: the column is text, every value kept as written.
    let whole = read_file(&path, &ReadOptions::default()).unwrap();
    assert_eq!(records, accounts(&whole));
    assert_eq!(records[0].custom["Tier"], CustomValue::Text("1".into()));
    assert_eq!(
        records[19_999].custom["Tier"],
        CustomValue::Text("Gold".into())
    );
}

#[test]
fn a_small_file_opened_for_import_is_surveyed_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("accounts.csv");
    tiers_file(&path, 10_000, None);

    let sheet = terrain_sheets::open_head(&path, None).unwrap();

    assert!(sheet.surveyed_whole());
    assert_eq!(sheet.rows(), 10_000);
}

#[test]
fn case_07_a_mapped_amount_column_of_only_ambiguous_values_asks_for_its_separator() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.csv");
    std::fs::write(&path, "Deal;Stage;Amount\nD-1;Won;1.000\nD-3;Won;15.000\n").unwrap();
    let err = read_file(&path, &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsettled(u)
            if u.row == 2 && u.column == "Amount" && u.example == "1.000"),
        "{err}"
    );
    assert!(
        err.to_string().contains("--decimal \"Amount=comma\""),
        "{err}"
    );

    let options = ReadOptions {
        decimals: vec![("Amount".into(), Decimal::Comma)],
        ..ReadOptions::default()
    };
    let sheet = read_file(&path, &options).unwrap();
    let amounts: Vec<_> = opportunities(&sheet).iter().map(|d| d.amount).collect();
    assert_eq!(amounts, [Some(1000.0), Some(15000.0)]);
}

#[test]
fn a_truncated_xls_is_refused_naming_the_file_instead_of_panicking() {
    // The first 4,096 bytes of a LibreOffice XLS: calamine 0.38 panics on it, and the check of
    // the OLE container now refuses it before calamine sees it. (The bad-files corpus in
    // crates/terrain/tests has XLS records calamine still panics on, refused the same way.)
    let err = read_file(&fixture("truncated_reps.xls"), &ReadOptions::default()).unwrap_err();
    assert!(matches!(err, Error::Workbook { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with("truncated_reps.xls: cannot read the workbook: its OLE container"),
        "{message}"
    );
}

#[test]
fn a_column_kept_as_custom_is_not_mapped_by_its_header() {
    let options = ReadOptions {
        unmapped: vec!["Industry".into()],
        ..ReadOptions::default()
    };
    let sheet = read_file(&fixture("case01_accounts_bom.csv"), &options).unwrap();
    let account = &accounts(&sheet)[0];
    assert_eq!(account.industry, None);
    assert_eq!(text(account.custom.get("Industry")), "Manufacturing");
}

#[test]
fn dotted_day_first_dates_prove_their_order_and_phone_numbers_prove_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("activity.csv");
    std::fs::write(
        &path,
        "Account Name,Phone,Activity Date,Activity Type\n\
         Fernhill Tools,555-123-4567,15.04.2024,Meeting\n\
         Quarry Lane Media,555-987-6543,03.04.2024,Web Visit\n",
    )
    .unwrap();
    let sheet = read(&path);
    let days: Vec<_> = signals(&sheet).iter().map(|s| s.date).collect();
    assert_eq!(days, [date(2024, 4, 15), date(2024, 4, 3)]);

    // Without the proving row, the phone numbers must not settle the order.
    std::fs::write(
        &path,
        "Account Name,Phone,Activity Date,Activity Type\n\
         Quarry Lane Media,555-987-6543,03.04.2024,Web Visit\n",
    )
    .unwrap();
    let err = read_file(&path, &ReadOptions::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Unsettled(u) if u.column == "Activity Date"),
        "{err}"
    );
}

#[test]
fn a_chosen_reading_the_values_contradict_gives_way_to_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deals.csv");
    std::fs::write(&path, "Deal,Stage,Amount\nD-1,Won,\"1,234.56\"\n").unwrap();
    let options = ReadOptions {
        decimals: vec![("Amount".into(), Decimal::Comma)],
        ..ReadOptions::default()
    };
    let sheet = read_file(&path, &options).unwrap();
    assert_eq!(opportunities(&sheet)[0].amount, Some(1234.56));
    assert!(sheet
        .problems
        .iter()
        .any(|p| p.message.contains("contradicts its values")));
}

#[test]
fn a_quote_that_never_closes_is_refused_with_its_row_instead_of_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("open_quote.csv");
    let mut text = String::from("Account Name,Notes\nFernhill Tools,\"never closed\n");
    let line = "x".repeat(1023) + "\n";
    for _ in 0..(70 * 1024) {
        text.push_str(&line);
    }
    std::fs::write(&path, text).unwrap();
    let err = read_file(&path, &ReadOptions::default()).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("open_quote.csv: row 2: cannot parse the csv"),
        "{message}"
    );
    assert!(
        message.contains("a quoted cell that never closes"),
        "{message}"
    );
}

#[test]
fn a_cell_over_a_megabyte_leaves_its_row_out_naming_the_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge cell.csv");
    let notes = "x".repeat(2 << 20);
    std::fs::write(
        &path,
        format!("Account Name,Notes\nFirm A,short\nFirm B,{notes}\n"),
    )
    .unwrap();
    let sheet = read_file(&path, &ReadOptions::default()).unwrap();
    assert_eq!(sheet.records.len(), 1);
    let problem = sheet.problems.iter().find(|p| p.rejected).unwrap();
    assert_eq!(problem.row, Some(3));
    assert_eq!(problem.column.as_deref(), Some("Notes"));
    assert!(
        problem.message.starts_with("a cell of 2 MB"),
        "{}",
        problem.message
    );
}
