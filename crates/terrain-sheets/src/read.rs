//! Reading a file: format sniffing, workbook sheets, then mapping and record building.
//!
//! The file's first bytes decide the reader, never its extension: CRM exports are often
//! workbooks saved under a `.csv` name. Workbooks go through calamine, text through
//! [`crate::grid`]; both end as a grid that [`crate::detect`] maps and [`crate::build`] turns
//! into records.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, SheetVisible};

use crate::grid::{self, RawCell};
use crate::{build, detect, Error, ParsedSheet, Problem, ReadOptions, Result};

/// Reads one spreadsheet file into typed records.
///
/// The kind comes from `options.kind` or is detected from the headers; `options.map`
/// overrides the automatic header mapping. The whole file is refused (an [`Error`]) when it
/// cannot be read or its kind or mapping cannot be settled; trouble in single rows is
/// reported in [`ParsedSheet::problems`] instead.
pub fn read_file(path: &Path, options: &ReadOptions) -> Result<ParsedSheet> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        file: file.clone(),
        source,
    })?;

    let mut notes = Vec::new();
    let rows = if is_workbook(&bytes) {
        // calamine panics on some damaged workbooks (a truncated XLS, for one): such a file is
        // refused like any other unreadable workbook instead of taking the app down.
        // TODO(#7): an abort is beyond a guard, and calamine aborts when the dense grid spanning
        // a sheet's farthest cells cannot be allocated (a value at XFD1048576 beside A1, or at
        // row or column 65,535 of an XLS: tafia/calamine#693); bound it when calamine does.
        let sheet = options.sheet.as_deref();
        let guarded = std::panic::catch_unwind(|| read_workbook(&file, bytes, sheet));
        guarded.unwrap_or_else(|_| {
            Err(Error::Workbook {
                file: file.clone(),
                source: calamine::Error::Msg("its contents are malformed"),
            })
        })?
    } else {
        let (text, encoding) = grid::decode(&bytes);
        if let Some(encoding) = encoding {
            notes.push(Problem {
                row: None,
                column: None,
                message: format!("the file is not utf-8; it was read as {encoding}"),
                rejected: false,
            });
        }
        grid::parse_text(&file, &text)?
    };

    let mut grid = grid::assemble(&file, rows)?;
    let mapping = detect::resolve(&file, &grid.headers, options)?;
    notes.append(&mut grid.problems);
    let mut parsed = build::build(&file, &grid, &mapping);
    notes.append(&mut parsed.problems);
    parsed.problems = notes;
    Ok(parsed)
}

/// `PK\x03\x04` opens every zip (XLSX, ODS); `D0 CF 11 E0` opens an OLE file (XLS).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")
}

fn read_workbook(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<Vec<(u32, Vec<RawCell>)>> {
    let workbook_error = |source| Error::Workbook {
        file: file.to_string(),
        source,
    };
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(workbook_error)?;

    let names: Vec<String> = workbook.sheet_names();
    let chosen = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| Error::NoSuchSheet {
                file: file.to_string(),
                sheet: wanted.to_string(),
                available: names.join(", "),
            })?,
        // A hidden first sheet is usually a lookup list of a template, not the data.
        None => workbook
            .sheets_metadata()
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or_else(|| Error::Empty {
                file: file.to_string(),
            })?,
    };

    let range = workbook.worksheet_range(&chosen).map_err(workbook_error)?;
    let first_row = range.start().map_or(0, |(row, _)| row);
    let first_col = range.start().map_or(0, |(_, col)| col) as usize;
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            // Columns left of the used range are still columns for the user; keep them so
            // header positions match what the sheet shows.
            let mut cells = vec![RawCell::Empty; first_col];
            cells.extend(row.iter().map(cell));
            (first_row + i as u32 + 1, cells)
        })
        .collect();
    Ok(rows)
}

fn cell(data: &Data) -> RawCell {
    match data {
        Data::Empty | Data::Error(_) => RawCell::Empty,
        Data::Int(i) => RawCell::Number(*i as f64),
        Data::Float(f) => number(*f),
        Data::String(s) => RawCell::Text(s.clone()),
        Data::Bool(b) => RawCell::Bool(*b),
        Data::DateTime(dt) => {
            // calamine's conversion panics on a serial beyond chrono's range; no real date
            // comes near (9999-12-31 is 2,958,465).
            let datetime = (dt.as_f64().abs() < 1e7)
                .then(|| dt.as_datetime())
                .flatten();
            match datetime {
                Some(datetime) if dt.is_datetime() => RawCell::Date(datetime.date()),
                _ => number(dt.as_f64()),
            }
        }
        Data::DateTimeIso(s) => {
            match chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => RawCell::Date(date),
                Err(_) => RawCell::Text(s.clone()),
            }
        }
        Data::DurationIso(s) => RawCell::Text(s.clone()),
    }
}

/// A workbook number. Some writers store NaN or an infinity, which no sheet means as a value:
/// as text, it is reported like any other value that is not a number.
fn number(n: f64) -> RawCell {
    if n.is_finite() {
        RawCell::Number(n)
    } else {
        RawCell::Text(n.to_string())
    }
}

#[cfg(test)]
mod tests {
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    use super::*;

    fn date_cell(serial: f64) -> RawCell {
        cell(&Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        )))
    }

    #[test]
    fn a_date_serial_beyond_the_calendar_stays_a_number_instead_of_panicking() {
        for serial in [-1e300, 1e300] {
            assert_eq!(date_cell(serial), RawCell::Number(serial));
        }
        let new_year = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).map(RawCell::Date);
        assert_eq!(Some(date_cell(45_292.0)), new_year);
    }

    #[test]
    fn a_workbook_number_that_is_nan_or_infinite_is_text_so_it_is_reported() {
        let text = |t: &str| RawCell::Text(t.to_string());
        assert_eq!(cell(&Data::Float(f64::NAN)), text("NaN"));
        assert_eq!(cell(&Data::Float(f64::INFINITY)), text("inf"));
        assert_eq!(date_cell(f64::NEG_INFINITY), text("-inf"));
        assert_eq!(cell(&Data::Float(2.5)), RawCell::Number(2.5));
    }
}
