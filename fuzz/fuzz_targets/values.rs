//! The value parsers on a column of cells, one cell per line: numbers with the column's
//! decimal separator, dates with its day/month order, and yes/no values.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    terrain_sheets::fuzzing::parse_values(&String::from_utf8_lossy(data));
});
