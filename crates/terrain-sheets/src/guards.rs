//! Checks a file passes before its reader holds it, so a hostile or broken file is refused
//! with a reason instead of exhausting memory.
//!
//! calamine holds a worksheet as a dense grid spanning its farthest cells, and an XLS builds
//! every sheet's grid while the file opens. A grid that cannot be allocated aborts the
//! process, which no guard catches, so the span is measured first: from the XLS records
//! themselves, or from an XLSX sheet's cells as they stream. A zipped workbook's parts are
//! measured before anything unpacks them; the zip reader stops at a part's declared size,
//! so the declared size bounds what a lying part can unpack to.

use std::io::{Cursor, Read};

use calamine::{Cell, DataRef, Xlsb, Xlsx};

use crate::{Error, Result};

/// The most cells a worksheet may span from its first used cell to its last. calamine holds
/// a sheet as a grid of 32-byte cells, and an XLSX sheet's grid is copied once while it is
/// converted, so one sheet takes at most 256 MiB. A sheet past it is nearly always a stray
/// value far from the data (formatting dragged to XFD1048576); a real table that large reads
/// as CSV, which streams.
pub(crate) const MAX_SHEET_CELLS: u64 = 1 << 22;

/// The most one part of a zipped workbook may unpack to. A worksheet part streams, but
/// calamine holds the shared strings whole, and the XML reader holds one text whole (then
/// its copy as a value): 128 MiB keeps either under 300 MiB, and still holds the XML of a
/// sheet of [`MAX_SHEET_CELLS`] cells of typical CRM values.
pub(crate) const MAX_PART_BYTES: u64 = 128 << 20;

/// The largest workbook file read: calamine reads from the whole file in memory. Zipped
/// XML packs about ten to one, so this is past any sheet under [`MAX_SHEET_CELLS`].
pub(crate) const MAX_WORKBOOK_BYTES: u64 = 128 << 20;

/// What the first bytes of a file that is no workbook say it is, when it is no text table
/// either: a web page or XML saved with a spreadsheet's name, or binary data.
pub(crate) fn not_a_sheet(file: &str, head: &[u8]) -> Result<()> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Ok(()); // UTF-16 text, where zero bytes are expected.
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(text.len());
    let opening = text[start..].to_ascii_lowercase();
    let refuse = |what, fix| {
        Err(Error::NotASheet {
            file: file.to_string(),
            what,
            fix,
        })
    };
    const HTML: [&[u8]; 7] = [
        b"<!doctype html",
        b"<html",
        b"<head",
        b"<body",
        b"<table",
        b"<meta",
        b"<!--",
    ];
    if HTML.iter().any(|tag| opening.starts_with(tag)) {
        // Many CRMs export "Excel" files that are HTML tables; Excel opens them with a warning.
        return refuse(
            "a web page (HTML) saved with a spreadsheet's name",
            "open it in Excel and save it as XLSX or CSV",
        );
    }
    if opening.starts_with(b"<?xml") {
        return refuse(
            "an XML file (an Excel 2003 XML spreadsheet?)",
            "open it in Excel and save it as XLSX or CSV",
        );
    }
    if text.contains(&0) {
        return refuse(
            "binary data",
            "export the data again as CSV or XLSX (a PDF, image or archive cannot be imported)",
        );
    }
    Ok(())
}

/// Refuses a zipped workbook with a part that unpacks to more than [`MAX_PART_BYTES`]. A zip
/// this cannot read is left for calamine, which refuses it with its own reason. Says whether
/// the zip looks like an ODS (it has a `content.xml`), whose reason is then the one to give.
pub(crate) fn check_zip(file: &str, bytes: &[u8]) -> Result<bool> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(false);
    };
    let ods = archive.index_for_name("content.xml").is_some();
    for index in 0..archive.len() {
        let Ok(part) = archive.by_index_raw(index) else {
            continue;
        };
        if part.size() > MAX_PART_BYTES {
            return Err(Error::PartTooLarge {
                file: file.to_string(),
                part: part
                    .name()
                    .map_or_else(|_| format!("number {}", index + 1), |n| n.into_owned()),
                bytes: part.size(),
            });
        }
    }
    Ok(ods)
}

/// Refuses an ODS whose sheets span more than [`MAX_SHEET_CELLS`]. calamine expands every
/// sheet while the file opens, repeating a cell as often as `number-columns-repeated` and
/// `number-rows-repeated` say, so a few bytes can ask for billions of cells; this reads the
/// repeat counts first. Trailing empty rows and columns, which LibreOffice writes up to the
/// sheet's edge, count for nothing, as calamine drops them.
pub(crate) fn check_ods(file: &str, bytes: &[u8]) -> Result<()> {
    use quick_xml::events::Event;

    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buffer = Vec::new();
    let mut span = Span::new("");
    let (mut row, mut column, mut row_repeats) = (0u64, 0u64, 1u64);
    loop {
        buffer.clear();
        // A malformed content.xml is left for calamine to refuse.
        let Ok(event) = xml.read_event_into(&mut buffer) else {
            return Ok(());
        };
        let (element, has_content) = match &event {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeats);
                continue;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                span.check(file)?;
                continue;
            }
            Event::Eof => return Ok(()),
            _ => continue,
        };
        let repeats = |name: &str| {
            element
                .try_get_attribute(name)
                .ok()
                .flatten()
                .and_then(|a| a.value.trim().parse::<u64>().ok())
                .unwrap_or(1)
        };
        match element.name().as_ref() {
            "table:table" => {
                let name = element
                    .try_get_attribute("table:name")
                    .ok()
                    .flatten()
                    .map(|a| a.value.into_owned())
                    .unwrap_or_default();
                span = Span::new(&name);
                row = 0;
            }
            "table:table-row" => {
                column = 0;
                row_repeats = repeats("table:number-rows-repeated");
                if !has_content {
                    row = row.saturating_add(row_repeats);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let columns = repeats("table:number-columns-repeated");
                let valued = has_content
                    || element
                        .try_get_attribute("office:value-type")
                        .ok()
                        .flatten()
                        .is_some();
                if valued {
                    let last = |first: u64, count: u64| first.saturating_add(count - 1);
                    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
                    span.add(clamp(row), clamp(column));
                    span.add(
                        clamp(last(row, row_repeats.max(1))),
                        clamp(last(column, columns.max(1))),
                    );
                    span.check(file)?;
                }
                column = column.saturating_add(columns);
            }
            _ => {}
        }
    }
}

/// Refuses an OLE file that is an encrypted XLSX (Excel's password-protected files), an XLS
/// whose sheets span more than [`MAX_SHEET_CELLS`], or one whose container the cfb crate
/// finds damaged: calamine's own OLE reader follows a sector chain that loops back on itself
/// until memory runs out (found by fuzzing), where the cfb crate checks the chains.
pub(crate) fn check_ole(file: &str, bytes: &[u8]) -> Result<()> {
    let damaged = || Error::Workbook {
        file: file.to_string(),
        source: calamine::Error::Msg("its OLE container is damaged"),
    };
    let mut ole = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged())?;
    if ole.is_stream("EncryptedPackage") || ole.is_stream("EncryptionInfo") {
        return Err(Error::Encrypted {
            file: file.to_string(),
        });
    }
    let Some(name) = ["Workbook", "Book"].into_iter().find(|n| ole.is_stream(n)) else {
        return Ok(());
    };
    let mut workbook = Vec::new();
    ole.open_stream(name)
        .and_then(|mut stream| stream.read_to_end(&mut workbook))
        .map_err(|_| damaged())?;
    for sheet in xls_sheets(&workbook) {
        sheet.check(file)?;
    }
    Ok(())
}

/// Refuses the chosen sheet of an XLSX when its used cells span more than
/// [`MAX_SHEET_CELLS`], reading its cells as they stream without building the grid.
pub(crate) fn check_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    file: &str,
    workbook: &mut Xlsx<RS>,
    sheet: &str,
) -> Result<()> {
    let Ok(mut cells) = workbook.worksheet_cells_reader(sheet) else {
        return Ok(()); // Not a worksheet, or broken: calamine says which when it reads it.
    };
    check_cells(file, sheet, || cells.next_cell().ok().flatten())
}

/// [`check_xlsx_sheet`] for the binary XLSB format.
pub(crate) fn check_xlsb_sheet<RS: std::io::Read + std::io::Seek>(
    file: &str,
    workbook: &mut Xlsb<RS>,
    sheet: &str,
) -> Result<()> {
    let Ok(mut cells) = workbook.worksheet_cells_reader(sheet) else {
        return Ok(());
    };
    check_cells(file, sheet, || cells.next_cell().ok().flatten())
}

fn check_cells<'a>(
    file: &str,
    sheet: &str,
    mut next: impl FnMut() -> Option<Cell<DataRef<'a>>>,
) -> Result<()> {
    let mut span = Span::new(sheet);
    while let Some(cell) = next() {
        // calamine's grid leaves out empty cells, as formatting alone makes them.
        if !matches!(cell.get_value(), DataRef::Empty) {
            let (row, column) = cell.get_position();
            span.add(row, column);
            span.check(file)?;
        }
    }
    Ok(())
}

/// The cells one sheet's grid spans, as calamine will size it.
struct Span {
    sheet: String,
    /// `(first row, first column, last row, last column)`, zero-based.
    bounds: Option<(u32, u32, u32, u32)>,
    /// The largest grid a Dimensions record declares, as rows and columns: calamine reserves
    /// room for it.
    declared: (u64, u64),
}

impl Span {
    fn new(sheet: &str) -> Span {
        Span {
            sheet: sheet.to_string(),
            bounds: None,
            declared: (0, 0),
        }
    }

    fn add(&mut self, row: u32, column: u32) {
        self.bounds = Some(match self.bounds {
            None => (row, column, row, column),
            Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(column), r1.max(row), c1.max(column)),
        });
    }

    fn check(&self, file: &str) -> Result<()> {
        let (rows, columns, far) = match self.bounds {
            Some((r0, c0, r1, c1)) => (
                u64::from(r1 - r0) + 1,
                u64::from(c1 - c0) + 1,
                format!("up to {}", cell_name(r1, c1)),
            ),
            None => (0, 0, String::new()),
        };
        if rows * columns > MAX_SHEET_CELLS {
            return Err(Error::SheetTooLarge {
                file: file.to_string(),
                sheet: self.sheet.clone(),
                rows,
                columns,
                far,
            });
        }
        let (rows, columns) = self.declared;
        if rows * columns > MAX_SHEET_CELLS {
            return Err(Error::SheetTooLarge {
                file: file.to_string(),
                sheet: self.sheet.clone(),
                rows,
                columns,
                far: "as its dimensions record declares".to_string(),
            });
        }
        Ok(())
    }
}

/// A cell's name as Excel shows it: column letters, then the row from 1.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The spans of an XLS workbook stream's sheets, found as calamine finds them: the
/// BoundSheet8 records of the globals point at each sheet's records, and every cell record,
/// formula and Dimensions record there counts, outside nested substreams (embedded charts).
/// Records calamine would refuse as malformed are skipped; it refuses them itself.
fn xls_sheets(stream: &[u8]) -> Vec<Span> {
    let mut sheets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            // BoundSheet8: where the sheet's records start; the name comes after.
            0x0085 if data.len() >= 6 => {
                let at = u32_at(data, 0) as usize;
                let name = biff8_name(&data[6..])
                    .unwrap_or_else(|| format!("number {}", sheets.len() + 1));
                sheets.push((at, name));
            }
            0x000A => break,
            _ => {}
        }
    }
    sheets
        .into_iter()
        .filter_map(|(at, name)| Some(xls_span(stream.get(at..)?, &name)))
        .collect()
}

/// A BIFF8 short string: a length in characters, a flag for two-byte characters, then the
/// characters.
fn biff8_name(data: &[u8]) -> Option<String> {
    let (&len, &flags) = (data.first()?, data.get(1)?);
    let chars = data.get(2..)?;
    let len = usize::from(len);
    if flags & 1 == 1 {
        let units: Vec<u16> = chars
            .get(..len * 2)?
            .chunks_exact(2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        String::from_utf16(&units).ok()
    } else {
        Some(chars.get(..len)?.iter().map(|&b| char::from(b)).collect())
    }
}

fn xls_span(records_at: &[u8], name: &str) -> Span {
    let mut span = Span::new(name);
    let (mut seen_bof, mut depth) = (false, 0usize);
    for (typ, data) in records(records_at) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = |offset| u32::from(u16_at(data, offset));
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            // Dimensions: calamine reserves room for the whole declared grid.
            0x0200 => {
                if let Some((rows, columns)) = xls_dimensions(data) {
                    if rows * columns > span.declared.0 * span.declared.1 {
                        span.declared = (rows, columns);
                    }
                }
            }
            // Number, Label, RString, BoolErr, Rk, LabelSst and Formula start with their row
            // and column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if data.len() >= 4 => {
                span.add(at(0), at(2));
            }
            // MulRk: one row, a first and a last column.
            0x00BD if data.len() >= 6 => {
                span.add(at(0), at(2));
                span.add(at(0), at(data.len() - 2));
            }
            _ => {}
        }
    }
    span
}

/// The rows and columns calamine reserves for a Dimensions record, computed as it computes
/// them (with its wrap-around on inverted bounds).
fn xls_dimensions(data: &[u8]) -> Option<(u64, u64)> {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return None,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
        (last_row - 1, last_col - 1)
    } else {
        (first_row, first_col)
    };
    let count = |first: u32, last: u32| u64::from(last.wrapping_sub(first).wrapping_add(1));
    Some((count(first_row, end_row), count(first_col, end_col)))
}

/// The BIFF records of a stream, as type and data, until one runs past the end.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = usize::from(u16_at(stream, 2));
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, data))
    })
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    data.get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn a_dimensions_record_with_inverted_rows_counts_as_calamine_would_reserve_it() {
        let mut record = Vec::new();
        for value in [10u32, 5] {
            record.extend(value.to_le_bytes());
        }
        record.extend([0, 0, 3, 0, 0, 0]);
        let (rows, columns) = xls_dimensions(&record).expect("a BIFF8 record");
        assert_eq!(columns, 3);
        assert!(rows > MAX_SHEET_CELLS, "the wrap-around is caught: {rows}");
    }

    #[test]
    fn web_pages_xml_and_binary_data_are_told_apart_from_text() {
        let what = |head: &[u8]| match not_a_sheet("f.xls", head) {
            Err(Error::NotASheet { what, .. }) => what,
            _ => "text",
        };
        assert!(what(b"\xEF\xBB\xBF  <!DOCTYPE html><html>").starts_with("a web page"));
        assert!(what(b"<table><tr><td>Account Name</td>").starts_with("a web page"));
        assert!(what(b"<?xml version=\"1.0\"?><Workbook>").starts_with("an XML file"));
        assert_eq!(what(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "binary data");
        assert_eq!(what(b"\xFF\xFEA\0c\0"), "text");
        assert_eq!(what(b"Account Name,Website\n"), "text");
    }
}
