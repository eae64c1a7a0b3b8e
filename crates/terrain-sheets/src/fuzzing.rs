//! Entry points for the fuzz targets in `fuzz/`; not part of the crate's API.
//!
//! Each function runs untrusted input through the code an import runs and keeps nothing: an
//! error is a fine answer to junk, while a panic, a hang or runaway memory is a finding. The
//! reader is reached through [`read_file`] on a scratch file rather than through its
//! internals, so the targets keep testing the whole pipeline however it is arranged inside.

use std::io::Write;

use crate::grid::RawCell;
use crate::values::{self, Parsed};
use crate::{read_file, ReadOptions, SheetKind};

/// Reads `bytes` as a spreadsheet file twice: with the kind detected, then forced to the
/// kind the input's length picks, so each kind gets its share of inputs at a third of the cost
/// of reading every input six times. Fails only when the scratch file cannot be written.
pub fn read_bytes(bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile()?;
    file.write_all(bytes)?;
    file.flush()?;
    let forced = SheetKind::ALL[bytes.len() % SheetKind::ALL.len()];
    for kind in [None, Some(forced)] {
        let options = ReadOptions {
            kind,
            ..ReadOptions::default()
        };
        if let Ok(sheet) = read_file(file.path(), &options) {
            assert_eq!(sheet.records.len(), sheet.record_rows.len());
        }
    }
    Ok(())
}

/// Parses the lines of `text` as one column of numbers, one of dates, and yes/no values.
pub fn parse_values(text: &str) {
    let cells: Vec<RawCell> = text.split('\n').map(|t| RawCell::Text(t.into())).collect();
    let column: Vec<&RawCell> = cells.iter().collect();

    let (numbers, _) = values::numbers(&column);
    assert_eq!(numbers.len(), cells.len());
    assert!(numbers
        .iter()
        .all(|n| !matches!(n, Parsed::Value(v) if !v.is_finite())));
    let (dates, _) = values::dates(&column);
    assert_eq!(dates.len(), cells.len());
    for cell in &cells {
        values::boolean(cell);
    }
}
