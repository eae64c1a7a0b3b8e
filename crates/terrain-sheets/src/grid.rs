//! The raw grid of cells between a file and the field mapping.
//!
//! Both readers (text and workbook) produce a [`Grid`]: unique, trimmed headers and the data
//! rows with their spreadsheet row numbers, blank rows already dropped. Text files are decoded
//! here (BOM, UTF-16, Windows-1252) and split with a sniffed delimiter, so everything after
//! this point is independent of where the cells came from.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::{Error, Problem, Result};

/// One cell before it is given a meaning.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawCell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
}

impl RawCell {
    /// Whitespace-only text counts as empty: such rows are blank to a person.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            RawCell::Empty => true,
            RawCell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for text fields and headers. Whole numbers lose their `.0` because
    /// a workbook stores an id like 660737 as a float.
    pub(crate) fn to_text(&self) -> String {
        match self {
            RawCell::Empty => String::new(),
            RawCell::Text(t) => t.trim().to_string(),
            RawCell::Number(n) => number_text(*n),
            RawCell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            RawCell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

pub(crate) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A data row with the number a spreadsheet would show for it.
#[derive(Debug, Clone)]
pub(crate) struct GridRow {
    pub(crate) number: u32,
    pub(crate) cells: Vec<RawCell>,
}

/// A sheet reduced to headers and non-blank rows of the header's width.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<GridRow>,
    pub(crate) rows_read: u32,
    pub(crate) problems: Vec<Problem>,
}

/// Builds a grid from rows in file order, each with its spreadsheet row number. The first
/// non-blank row is the header. Rows of the wrong width are rejected rather than padded,
/// because a missing delimiter shifts every later value into the wrong column.
pub(crate) fn assemble(file: &str, rows: Vec<(u32, Vec<RawCell>)>) -> Result<Grid> {
    let mut rows = rows.into_iter();
    let header = loop {
        match rows.next() {
            None => {
                return Err(Error::Empty {
                    file: file.to_string(),
                })
            }
            Some((_, cells)) if cells.iter().all(RawCell::is_blank) => continue,
            Some((_, cells)) => break cells,
        }
    };

    let mut grid = Grid::default();
    let mut problems = Vec::new();
    grid.headers = clean_headers(&header, &mut problems);
    let width = grid.headers.len();
    let mut blank_rows = Vec::new();
    let mut last_data_row = 0;

    for (number, mut cells) in rows {
        if cells.iter().all(RawCell::is_blank) {
            blank_rows.push(number);
            continue;
        }
        grid.rows_read += 1;
        last_data_row = number;
        while cells.len() > width && cells.last().is_some_and(RawCell::is_blank) {
            cells.pop();
        }
        if cells.len() != width {
            problems.push(Problem {
                row: Some(number),
                column: None,
                message: format!(
                    "the row has {} cells but the header has {width}; left out because its \
                     values may sit in the wrong columns (a missing or extra delimiter?)",
                    cells.len()
                ),
                rejected: true,
            });
            continue;
        }
        grid.rows.push(GridRow { number, cells });
    }

    // Trailing blank rows are formatting noise; blank rows between data are worth a mention
    // so the count of rows in the file and rows imported can be reconciled.
    for number in blank_rows.into_iter().filter(|n| *n < last_data_row) {
        problems.push(Problem {
            row: Some(number),
            column: None,
            message: "blank row skipped".to_string(),
            rejected: false,
        });
    }
    problems.sort_by_key(|p| p.row);
    grid.problems = problems;
    Ok(grid)
}

/// Trims headers, names blank ones after their position and makes duplicates unique while
/// keeping their position, so no column silently overwrites another.
fn clean_headers(cells: &[RawCell], problems: &mut Vec<Problem>) -> Vec<String> {
    let mut headers: Vec<String> = Vec::with_capacity(cells.len());
    // Sets rather than scans of the headers so far, and the next number to try for each
    // repeated header: a sheet with a value in column XFD has 16,384 headers, and scanning
    // made such a header row take minutes.
    let mut keys: HashSet<String> = HashSet::with_capacity(cells.len());
    let mut taken: HashSet<String> = HashSet::with_capacity(cells.len());
    let mut next_number: HashMap<String, usize> = HashMap::new();
    for (i, cell) in cells.iter().enumerate() {
        let mut text = cell
            .to_text()
            .trim_start_matches('\u{feff}')
            .trim()
            .to_string();
        if text.is_empty() {
            text = format!("Column {}", i + 1);
        }
        if !keys.insert(crate::detect::normalise(&text)) {
            let n = next_number.entry(text.clone()).or_insert(2);
            let unique = loop {
                let candidate = format!("{text} ({n})");
                *n += 1;
                if !taken.contains(&candidate) {
                    break candidate;
                }
            };
            keys.insert(crate::detect::normalise(&unique));
            problems.push(Problem {
                row: Some(1),
                column: Some(unique.clone()),
                message: format!(
                    "the header \"{text}\" appears more than once; this column is kept as \
                     \"{unique}\" (use --map to choose which one a field uses)"
                ),
                rejected: false,
            });
            text = unique;
        }
        taken.insert(text.clone());
        headers.push(text);
    }
    headers
}

/// Decodes a text file's bytes. Returns the text and, when it was not UTF-8, a note for the
/// report: a silent re-encoding would hide mangled names.
pub(crate) fn decode(bytes: &[u8]) -> (String, Option<&'static str>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(text) => (text.to_string(), None),
            Err(_) => (cp1252(rest), Some("windows-1252")),
        };
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        return (text.into_owned(), None);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => (cp1252(bytes), Some("windows-1252")),
    }
}

fn cp1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Picks the delimiter that occurs most often in the header line outside quotes, so a
/// European `;` export is not read as one giant column. Commas win ties.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

/// Splits decoded text into rows. Row numbers count records as a spreadsheet shows them: a
/// quoted cell's line breaks do not start new rows, but skipped blank lines still count.
pub(crate) fn parse_text(file: &str, text: &str) -> Result<Vec<(u32, Vec<RawCell>)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());

    let mut rows = Vec::new();
    let bytes = text.as_bytes();
    let (mut cursor, mut line) = (0usize, 1u64);
    let mut inner_breaks: u64 = 0;
    let mut last_row = 1u32;
    for result in reader.records() {
        let record = result.map_err(|source| Error::Csv {
            file: file.to_string(),
            row: last_row + 1,
            source,
        })?;
        // The csv crate skips empty lines and may start a record's position on them, so the
        // line is counted from the byte offset past any leading line breaks.
        let mut start = record
            .position()
            .map_or(cursor, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start >= cursor {
            line += bytes[cursor..start].iter().filter(|b| **b == b'\n').count() as u64;
            cursor = start;
        }
        let number = u32::try_from(line.saturating_sub(inner_breaks)).unwrap_or(u32::MAX);
        inner_breaks += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        // Put skipped empty lines back as blank rows so they are counted.
        rows.extend((last_row + 1..number).map(|n| (n, Vec::new())));
        last_row = number;
        let cells = record
            .iter()
            .map(|f| RawCell::Text(f.to_string()))
            .collect();
        rows.push((number, cells));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_row_of_thousands_of_blank_or_repeated_names_is_cleaned_in_linear_time() {
        let mut cells = vec![RawCell::Empty; 16_384];
        cells.extend(vec![RawCell::Text("Notes".to_string()); 20_000]);
        cells.push(RawCell::Text("notes (2)".to_string()));

        let mut problems = Vec::new();
        let headers = clean_headers(&cells, &mut problems);

        assert_eq!(headers[0], "Column 1");
        assert_eq!(headers[16_383], "Column 16384");
        assert_eq!(headers[16_384], "Notes");
        assert_eq!(headers[16_385], "Notes (2)");
        assert_eq!(headers[36_383], "Notes (20000)");
        assert_eq!(headers[36_384], "notes (2) (2)");
        assert_eq!(problems.len(), 20_000);
    }
}
