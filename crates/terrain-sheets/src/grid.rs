//! The raw grid of cells between a file and the field mapping.
//!
//! Both readers (text and workbook) produce rows of [`RawCell`]s with their spreadsheet row
//! numbers; [`Lines`] turns them into unique, trimmed headers and data rows of the header's
//! width, one at a time, so everything after this point is independent of where the cells
//! came from and no sheet has to be held whole.

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

    /// About how many bytes the cell took in its file, to estimate a file's rows from its size.
    pub(crate) fn text_len(&self) -> usize {
        match self {
            RawCell::Text(t) => t.len(),
            RawCell::Empty => 0,
            _ => 8,
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

/// Rows in file order, each with its spreadsheet row number.
pub(crate) type RawRows<'a> = Box<dyn Iterator<Item = Result<(u32, Vec<RawCell>)>> + 'a>;

/// What the rows after the header turn into.
pub(crate) enum Line {
    /// A row of the header's width.
    Row(GridRow),
    /// A row left out or a blank row skipped, for the report.
    Problem(Problem),
}

/// A sheet's header and an iterator over what follows it. The first non-blank row is the
/// header. Rows of the wrong width are rejected rather than padded, because a missing
/// delimiter shifts every later value into the wrong column.
pub(crate) struct Lines<'a> {
    rows: RawRows<'a>,
    pub(crate) headers: Vec<String>,
    /// Duplicate and blank headers, renamed.
    pub(crate) header_problems: Vec<Problem>,
    /// Non-blank data rows so far, ragged ones included.
    pub(crate) rows_read: u32,
    /// Blank rows not yet known to sit between data rows (trailing blank rows are formatting
    /// noise and go unmentioned).
    blanks: Vec<u32>,
    queue: std::collections::VecDeque<Line>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(file: &str, mut rows: RawRows<'a>) -> Result<Lines<'a>> {
        let header = loop {
            match rows.next().transpose()? {
                None => {
                    return Err(Error::Empty {
                        file: file.to_string(),
                    })
                }
                Some((_, cells)) if cells.iter().all(RawCell::is_blank) => continue,
                Some((_, cells)) => break cells,
            }
        };
        let mut header_problems = Vec::new();
        let headers = clean_headers(&header, &mut header_problems);
        Ok(Lines {
            rows,
            headers,
            header_problems,
            rows_read: 0,
            blanks: Vec::new(),
            queue: std::collections::VecDeque::new(),
        })
    }
}

impl Iterator for Lines<'_> {
    type Item = Result<Line>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(line) = self.queue.pop_front() {
                return Some(Ok(line));
            }
            let (number, mut cells) = match self.rows.next()? {
                Ok(row) => row,
                Err(e) => return Some(Err(e)),
            };
            if cells.iter().all(RawCell::is_blank) {
                self.blanks.push(number);
                continue;
            }
            self.rows_read += 1;
            // Blank rows between data are worth a mention, so the count of rows in the file
            // and rows imported can be reconciled.
            self.queue.extend(self.blanks.drain(..).map(|row| {
                Line::Problem(Problem {
                    row: Some(row),
                    column: None,
                    message: "blank row skipped".to_string(),
                    rejected: false,
                })
            }));
            let width = self.headers.len();
            while cells.len() > width && cells.last().is_some_and(RawCell::is_blank) {
                cells.pop();
            }
            if cells.len() != width {
                self.queue.push_back(Line::Problem(Problem {
                    row: Some(number),
                    column: None,
                    message: format!(
                        "the row has {} cells but the header has {width}; left out because its \
                         values may sit in the wrong columns (a missing or extra delimiter?)",
                        cells.len()
                    ),
                    rejected: true,
                }));
                continue;
            }
            let long = cells
                .iter()
                .enumerate()
                .find_map(|(column, cell)| match cell {
                    RawCell::Text(text) if text.len() > MAX_CELL_BYTES => {
                        Some((column, text.len()))
                    }
                    _ => None,
                });
            if let Some((column, bytes)) = long {
                self.queue.push_back(Line::Problem(Problem {
                    row: Some(number),
                    column: self.headers.get(column).cloned(),
                    message: format!(
                        "a cell of {} MB, more than the 1 MB Terrain keeps of one value \
                         (a spreadsheet cell holds 32,767 characters); the row was left out",
                        bytes.div_ceil(1 << 20)
                    ),
                    rejected: true,
                }));
                continue;
            }
            self.queue.push_back(Line::Row(GridRow { number, cells }));
        }
    }
}

/// The longest value kept, in bytes. A spreadsheet cell holds at most 32,767 characters, and
/// a value is copied several times on its way to the store (records, match keys, SQL), so one
/// giant cell would otherwise take ten times its size in memory.
const MAX_CELL_BYTES: usize = 1 << 20;

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
