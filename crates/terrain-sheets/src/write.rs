//! Exports: tables written to CSV or XLSX, atomically and without formula injection.
//!
//! An export is opened by the director in Excel, so any text from a CRM that starts like a
//! formula (`=HYPERLINK(...)`, `@SUM(...)`) must never run: CSV cells get a leading `'`, XLSX
//! cells are always written as strings. Files are written next to the target and renamed
//! into place, so a failure never leaves half an export behind.

use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Chart, ChartType, ExcelDateTime, Format, Workbook};

use crate::{Error, Result};

/// One exported value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value: an empty cell.
    Empty,
    /// Text, neutralised on export when it starts like a formula.
    Text(String),
    /// A number, written as a number (never neutralised, even when negative).
    Number(f64),
    /// A fraction shown as a percentage in XLSX (`0.25` shows as `25.0%`); CSV keeps the
    /// fraction, which is what a re-import reads back.
    Percent(f64),
    /// A date, written as `yyyy-mm-dd`.
    Date(NaiveDate),
}

/// One sheet of an export.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The worksheet name in an XLSX export.
    pub name: String,
    /// The header row.
    pub headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Whether a spreadsheet would treat text as a formula or a command.
fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn csv_text(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn csv_number(n: f64) -> String {
    if n.is_finite() {
        format!("{n}")
    } else {
        String::new()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Writes bytes through a temporary file in the target's folder, then renames it over the
/// target, so readers see either the old file or the whole new one.
fn write_atomically(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = file_name(path);
    let io_error = |source| Error::Write {
        file: file.clone(),
        source,
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(folder).map_err(io_error)?;
    fill(temp.as_file_mut())?;
    temp.as_file_mut().flush().map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    // A temporary file is private to its owner; an export is a document like any other.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(io_error)?;
    }
    temp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Writes one table to a CSV file (UTF-8, comma-delimited, quoted where needed).
pub fn write_csv(path: &Path, table: &Table) -> Result<()> {
    let file = file_name(path);
    write_atomically(path, |out| {
        let csv_error = |source| Error::CsvWrite {
            file: file.clone(),
            source,
        };
        let mut writer = csv::Writer::from_writer(out);
        writer
            .write_record(table.headers.iter().map(|h| csv_text(h)))
            .map_err(csv_error)?;
        for row in &table.rows {
            let cells = row.iter().map(|cell| match cell {
                Cell::Empty => String::new(),
                Cell::Text(t) => csv_text(t),
                Cell::Number(n) | Cell::Percent(n) => csv_number(*n),
                Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
            });
            writer.write_record(cells).map_err(csv_error)?;
        }
        writer.flush().map_err(|source| Error::Write {
            file: file.clone(),
            source,
        })
    })
}

/// The shape of a native spreadsheet chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetChartKind {
    /// Vertical bars.
    Column,
    /// Horizontal bars, for many long category names.
    Bar,
    /// Lines over ordered categories, such as months.
    Line,
}

/// A native chart drawn by the spreadsheet application from a table's own cells, so the figures
/// and the picture can never disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetChart {
    /// The index of the table (worksheet) the chart reads and sits on.
    pub table: usize,
    pub kind: SheetChartKind,
    /// The title, with units.
    pub title: String,
    /// The column holding the category labels.
    pub categories: u16,
    /// The columns holding one series each; a series takes its name from the column header.
    pub values: Vec<u16>,
    /// The value axis title.
    pub value_axis: String,
    /// The value axis number format, such as `0%` or `$#,##0`.
    pub number_format: String,
}

/// Writes tables to an XLSX workbook, one worksheet per table named after it, with a bold
/// frozen header row and column widths fitted to the content.
pub fn write_xlsx(path: &Path, tables: &[Table]) -> Result<()> {
    write_xlsx_with_charts(path, tables, &[])
}

/// Like [`write_xlsx`], with native charts placed to the right of their tables.
pub fn write_xlsx_with_charts(path: &Path, tables: &[Table], charts: &[SheetChart]) -> Result<()> {
    let file = file_name(path);
    let xlsx_error = |source| Error::Xlsx {
        file: file.clone(),
        source,
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let percent_format = Format::new().set_num_format("0.0%");

    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.name).map_err(xlsx_error)?;
        let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();

        for (col, header) in table.headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, header, &bold)
                .map_err(xlsx_error)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let width = match cell {
                    Cell::Empty => 0,
                    Cell::Text(t) => {
                        sheet.write_string(r, col, t).map_err(xlsx_error)?;
                        t.chars().count()
                    }
                    Cell::Number(n) if n.is_finite() => {
                        sheet.write_number(r, col, *n).map_err(xlsx_error)?;
                        csv_number(*n).len()
                    }
                    Cell::Percent(n) if n.is_finite() => {
                        sheet
                            .write_number_with_format(r, col, *n, &percent_format)
                            .map_err(xlsx_error)?;
                        7
                    }
                    Cell::Number(_) | Cell::Percent(_) => 0,
                    Cell::Date(d) => {
                        let date = excel_date(*d).map_err(xlsx_error)?;
                        sheet
                            .write_date_with_format(r, col, &date, &date_format)
                            .map_err(xlsx_error)?;
                        10
                    }
                };
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(width);
            }
        }

        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (col, width) in widths.iter().enumerate() {
            let fitted = (*width as f64 + 2.0).clamp(8.0, 60.0);
            sheet
                .set_column_width(col as u16, fitted)
                .map_err(xlsx_error)?;
        }
    }

    // Charts stack to the right of their table, each 20 rows below the previous one.
    let mut placed: Vec<u32> = vec![0; tables.len()];
    for spec in charts {
        let Some(table) = tables.get(spec.table) else {
            continue;
        };
        let last_row = table.rows.len() as u32;
        if last_row == 0 {
            continue;
        }
        let mut chart = Chart::new(match spec.kind {
            SheetChartKind::Column => ChartType::Column,
            SheetChartKind::Bar => ChartType::Bar,
            SheetChartKind::Line => ChartType::Line,
        });
        for &column in &spec.values {
            chart
                .add_series()
                .set_name((table.name.as_str(), 0, column))
                .set_categories((
                    table.name.as_str(),
                    1,
                    spec.categories,
                    last_row,
                    spec.categories,
                ))
                .set_values((table.name.as_str(), 1, column, last_row, column));
        }
        chart.title().set_name(&spec.title);
        chart
            .y_axis()
            .set_name(&spec.value_axis)
            .set_num_format(&spec.number_format);
        if spec.values.len() < 2 {
            chart.legend().set_hidden();
        }
        chart
            .set_width(720)
            .set_height(if spec.kind == SheetChartKind::Bar {
                640
            } else {
                360
            });
        let sheet = workbook
            .worksheet_from_index(spec.table)
            .map_err(xlsx_error)?;
        let right_of_table = table.headers.len() as u16 + 1;
        sheet
            .insert_chart(1 + placed[spec.table], right_of_table, &chart)
            .map_err(xlsx_error)?;
        placed[spec.table] += if spec.kind == SheetChartKind::Bar {
            34
        } else {
            20
        };
    }

    let bytes = workbook.save_to_buffer().map_err(xlsx_error)?;
    write_atomically(path, |out| {
        out.write_all(&bytes).map_err(|source| Error::Write {
            file: file.clone(),
            source,
        })
    })
}

fn excel_date(d: NaiveDate) -> std::result::Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
    let year = u16::try_from(d.year()).unwrap_or(0);
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}
