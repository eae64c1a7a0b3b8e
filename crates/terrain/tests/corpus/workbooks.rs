//! Workbooks, good and hostile: XLSX written by rust_xlsxwriter, zips put together part by
//! part (entity expansion, far cells, bombs), OLE files (XLS records, Excel's encrypted
//! XLSX), and web pages saved as `.xls`.

use std::io::{Cursor, Write as _};
use std::path::Path;

use rust_xlsxwriter::Workbook;

use super::{file, lazy, BadFile, Expect};

const HEADERS: [&str; 5] = [
    "Account Name",
    "Website",
    "Industry",
    "Employees",
    "Annual Revenue",
];

/// An accounts workbook of `rows` rows; `edit` adds its flaw to the sheet.
fn xlsx(rows: u32, edit: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    for r in 1..=rows {
        sheet.write_string(r, 0, format!("Firm {r}")).expect("cell");
        sheet
            .write_string(r, 1, format!("firm{r}.example"))
            .expect("cell");
        sheet.write_string(r, 2, "Retail").expect("cell");
        sheet.write_number(r, 3, f64::from(r * 7)).expect("cell");
        sheet
            .write_number(r, 4, f64::from(r) * 1_000.5)
            .expect("cell");
    }
    edit(sheet);
    workbook.save_to_buffer().expect("workbook")
}

/// A zip of the given parts, deflated.
fn zip(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer.start_file(*name, options).expect("zip part");
        writer.write_all(bytes).expect("zip part");
    }
    writer.finish().expect("zip").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Accounts" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// An XLSX put together from its parts, with the sheet's and shared strings' XML as given.
fn xlsx_parts(sheet: &str, shared: &str) -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
        ("xl/worksheets/sheet1.xml", sheet.into()),
        ("xl/sharedStrings.xml", shared.into()),
    ])
}

/// A sheet's XML with the given `<sheetData>` rows, after an optional prologue.
fn sheet_xml(prologue: &str, dimension: &str, rows: &str) -> String {
    format!("{prologue}{SHEET_START}{dimension}<sheetData>{rows}</sheetData></worksheet>")
}

const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Account Name</t></is></c><c r="B1" t="inlineStr"><is><t>Website</t></is></c></row>"#;
const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Firm</t></si></sst>"#;

/// The billion laughs: ten entities, each ten of the one before, 10^9 `lol`s in all.
fn laughs() -> String {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for i in 1..10 {
        let previous = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{previous}\">"));
    }
    dtd + "]>"
}

/// A zip holding one part whose deflated data unpacks to `unpacked` zero bytes while its
/// headers declare `declared`: a zip bomb when they agree and are large, a lying part when
/// they do not. Written by hand, since a zip writer would not let the two differ; the
/// deflate stream repeats one sync-flushed MiB of zeros, about a kilobyte each.
fn zip_bomb(part: &str, unpacked_mib: u64, declared: u32, parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut chunk = Vec::with_capacity(4096);
    let mut deflate = flate2::Compress::new(flate2::Compression::best(), false);
    deflate
        .compress_vec(&vec![0u8; 1 << 20], &mut chunk, flate2::FlushCompress::Sync)
        .expect("deflate");
    let mut data = Vec::with_capacity(chunk.len() * unpacked_mib as usize + 5);
    for _ in 0..unpacked_mib {
        data.extend_from_slice(&chunk);
    }
    // The final, empty, stored block.
    data.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]);

    // The well-formed parts first, from a real zip writer; then the bomb is appended by hand
    // and the central directory rebuilt with it.
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut entries = 0u16;
    let mut add = |out: &mut Vec<u8>, name: &str, method: u16, crc: u32, data: &[u8], size: u32| {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend([0, 0, 0x21, 0]); // time, date
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend(size.to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
        entries += 1;
    };
    for (name, bytes) in parts {
        add(&mut out, name, 0, crc32(bytes), bytes, bytes.len() as u32);
    }
    // The bomb's CRC is left zero: the size bound must stop the read long before the end,
    // where the CRC would be checked.
    add(&mut out, part, 8, 0, &data, declared);
    let directory_at = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(entries.to_le_bytes());
    out.extend(entries.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(directory_at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// The parts of an XLSX but its sheet, stored, to go beside a bomb.
fn xlsx_frame() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("xl/workbook.xml", WORKBOOK.into()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
    ]
}

/// BIFF8 records: type, length, data.
fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

/// An XLS workbook stream of one sheet: a header row, `rows` account rows, then `extra`
/// records (far cells, a huge Dimensions, ...) and `globals_extra` in the globals.
fn xls_stream(rows: u16, extra: &[(u16, Vec<u8>)], globals_extra: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut d = Vec::new();
        d.extend(0x0600u16.to_le_bytes());
        d.extend(kind.to_le_bytes());
        d.extend([0u8; 12]);
        d
    };
    let label = |row: u16, col: u16, text: &str| {
        let mut d = Vec::new();
        for v in [row, col, 0, text.len() as u16] {
            d.extend(v.to_le_bytes());
        }
        d.push(0);
        d.extend(text.as_bytes());
        d
    };
    let number = |row: u16, col: u16, value: f64| {
        let mut d = Vec::new();
        for v in [row, col, 0] {
            d.extend(v.to_le_bytes());
        }
        d.extend(value.to_le_bytes());
        d
    };
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    let mut dims = Vec::new();
    dims.extend(0u32.to_le_bytes());
    dims.extend(u32::from(rows + 1).to_le_bytes());
    dims.extend([0, 0, 2, 0, 0, 0]);
    record(&mut sheet, 0x0200, &dims);
    record(&mut sheet, 0x0204, &label(0, 0, "Account Name"));
    record(&mut sheet, 0x0204, &label(0, 1, "Employees"));
    for r in 1..=rows {
        record(&mut sheet, 0x0204, &label(r, 0, &format!("Firm {r}")));
        record(&mut sheet, 0x0203, &number(r, 1, f64::from(r)));
    }
    for (typ, data) in extra {
        record(&mut sheet, *typ, data);
    }
    record(&mut sheet, 0x000A, &[]);

    let name = "Accounts";
    // BoundSheet8's header, position, state, kind, then the name's length, flags and bytes.
    let bound_len = 4 + 4 + 2 + 2 + name.len() as u32;
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    for (typ, data) in globals_extra {
        record(&mut globals, *typ, data);
    }
    // The sheet starts after the BoundSheet8 and EOF records still to come.
    let sheet_at = globals.len() as u32 + bound_len + 4;
    let mut bound = Vec::new();
    bound.extend(sheet_at.to_le_bytes());
    bound.extend([0, 0, name.len() as u8, 0]);
    bound.extend(name.as_bytes());
    record(&mut globals, 0x0085, &bound);
    record(&mut globals, 0x000A, &[]);
    globals.extend(sheet);
    globals
}

/// An OLE file of the given streams.
fn ole(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut compound = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("ole");
    for (name, bytes) in streams {
        let mut stream = compound.create_stream(name).expect("ole stream");
        stream.write_all(bytes).expect("ole stream");
    }
    compound.flush().expect("ole");
    compound.into_inner().into_inner()
}

fn cell_record(row: u16, col: u16) -> (u16, Vec<u8>) {
    let mut d = Vec::new();
    for v in [row, col, 0] {
        d.extend(v.to_le_bytes());
    }
    d.extend(1.5f64.to_le_bytes());
    (0x0203, d)
}

/// An ODS of the given `<table:table>` body.
fn ods(table: &str) -> Vec<u8> {
    ods_after("", table)
}

/// An ODS whose `content.xml` has `prologue` (a DTD, say) before its root.
fn ods_after(prologue: &str, table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>{prologue}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Accounts">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
        ),
        ("META-INF/manifest.xml", manifest.into()),
        ("content.xml", content.into_bytes()),
    ])
}

fn ods_cell(text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
    )
}

pub fn quick() -> Vec<BadFile> {
    let mut files = Vec::new();
    let good = xlsx(30, |_| {});

    // Workbooks Excel could have written, with a flaw each.
    files.push(file("a good workbook.xlsx", Expect::Imported, good.clone()));
    files.push(file(
        "a workbook saved as csv.csv",
        Expect::Imported,
        good.clone(),
    ));
    files.push(file(
        "gaps in rows.xlsx",
        Expect::Imported,
        xlsx(30, |s| {
            for r in (2..30).step_by(3) {
                s.clear_cell(r, 0);
                s.write_blank(r, 3, &rust_xlsxwriter::Format::new())
                    .expect("cell");
            }
        }),
    ));
    files.push(file(
        "32767-character cells.xlsx",
        Expect::Imported,
        xlsx(20, |s| {
            let mut rng = fastrand::Rng::with_seed(4_000);
            for r in 1..=20 {
                let text: String = (0..32_767).map(|_| rng.alphanumeric()).collect();
                s.write_string(r, 2, text).expect("cell");
            }
        }),
    ));
    files.push(file(
        "16384 columns.xlsx",
        Expect::Imported,
        xlsx(5, |s| {
            for c in 5..16_384u16 {
                s.write_string(0, c, format!("Field {c}")).expect("cell");
                s.write_number(3, c, f64::from(c)).expect("cell");
            }
        }),
    ));
    files.push(file(
        "a value at XFD1048576.xlsx",
        Expect::Refused("spans 1,048,576 rows by 16,384 columns"),
        xlsx(5, |s| {
            s.write_string(1_048_575, 16_383, "far away").expect("cell");
        }),
    ));
    files.push(file(
        "a value at A1048576.xlsx",
        Expect::Refused("Terrain reads at most"),
        xlsx(5, |s| {
            s.write_string(1_048_575, 0, "far down").expect("cell");
        }),
    ));
    files.push(file(
        "a value at E200000.xlsx",
        Expect::Imported,
        xlsx(5, |s| {
            s.write_string(199_999, 4, "far but within").expect("cell");
        }),
    ));
    files.push(file(
        "formulas and errors.xlsx",
        Expect::Imported,
        xlsx(10, |s| {
            s.write_formula(3, 3, "=1/0").expect("cell");
            s.write_formula(4, 4, "=NA()").expect("cell");
            s.write_formula(5, 0, "=\"Firm\"&\"X\"").expect("cell");
            s.write_boolean(6, 0, true).expect("cell");
        }),
    ));
    files.push(file("only hidden sheets.xlsx", Expect::Any, {
        let mut workbook = Workbook::new();
        workbook.add_worksheet().set_hidden(true);
        workbook
            .add_worksheet()
            .write_string(0, 0, "Account Name")
            .expect("cell");
        workbook.save_to_buffer().expect("workbook")
    }));
    files.push(file("no cells.xlsx", Expect::Refused("empty"), {
        let mut workbook = Workbook::new();
        workbook.add_worksheet();
        workbook.save_to_buffer().expect("workbook")
    }));
    for cut in [
        10,
        100,
        500,
        1_000,
        good.len() / 2,
        good.len() - 30,
        good.len() - 1,
    ] {
        files.push(file(
            format!("cut at byte {cut}.xlsx"),
            Expect::Any,
            good[..cut].to_vec(),
        ));
    }
    let mut rng = fastrand::Rng::with_seed(5_000);
    for flip in 0..8 {
        let mut bytes = good.clone();
        for _ in 0..20 {
            let at = rng.usize(30..bytes.len());
            bytes[at] = rng.u8(..);
        }
        files.push(file(
            format!("flipped bytes {flip}.xlsx"),
            Expect::Any,
            bytes,
        ));
    }

    // Parts put together by hand.
    let row = |r: u32, name: &str| {
        format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{name}</t></is></c><c r="B{r}" t="s"><v>0</v></c></row>"#
        )
    };
    let rows = format!("{HEADER_ROW}{}{}", row(2, "Firm A"), row(3, "Firm B"));
    files.push(file(
        "hand-made.xlsx",
        Expect::Imported,
        xlsx_parts(&sheet_xml("", "", &rows), SHARED),
    ));
    files.push(file(
        "a dimension that lies.xlsx",
        Expect::Imported,
        xlsx_parts(
            &sheet_xml("", r#"<dimension ref="A1:XFD1048576"/>"#, &rows),
            SHARED,
        ),
    ));
    let far = format!(r#"{rows}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    files.push(file(
        "a far cell by hand.xlsx",
        Expect::Refused("spans"),
        xlsx_parts(&sheet_xml("", "", &far), SHARED),
    ));
    let beyond = format!(r#"{rows}<row r="99999999"><c r="ZZZZ99999999"><v>1</v></c></row>"#);
    files.push(file(
        "a cell beyond excel.xlsx",
        Expect::Any,
        xlsx_parts(&sheet_xml("", "", &beyond), SHARED),
    ));
    let shared_index =
        format!(r#"{HEADER_ROW}<row r="2"><c r="A2" t="s"><v>4000000000</v></c></row>"#);
    files.push(file(
        "a shared string that is not there.xlsx",
        Expect::Any,
        xlsx_parts(&sheet_xml("", "", &shared_index), SHARED),
    ));
    let laughing_rows = format!(
        r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>"#
    );
    files.push(file(
        "billion laughs in the sheet.xlsx",
        Expect::Any,
        xlsx_parts(&sheet_xml(&laughs(), "", &laughing_rows), SHARED),
    ));
    let laughing_shared = format!(
        r#"<?xml version="1.0"?>{}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>"#,
        laughs()
    );
    files.push(file(
        "billion laughs in the shared strings.xlsx",
        Expect::Any,
        xlsx_parts(&sheet_xml("", "", &rows), &laughing_shared),
    ));
    files.push(file("an external entity.xlsx", Expect::Any, xlsx_parts(
        &sheet_xml(r#"<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>"#, "", &format!(r#"{HEADER_ROW}<row r="2"><c r="A2" t="inlineStr"><is><t>&ext;</t></is></c></row>"#)),
        SHARED,
    )));
    files.push(file(
        "no sheet part.xlsx",
        Expect::Any,
        zip(&[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", ROOT_RELS.into()),
            ("xl/workbook.xml", WORKBOOK.into()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
        ]),
    ));
    files.push(file(
        "a zip of text files.xlsx",
        Expect::Refused("cannot read the workbook"),
        zip(&[("notes.txt", b"Account Name\nFirm\n".to_vec())]),
    ));
    files.push(file("an empty zip.xlsx", Expect::Any, zip(&[])));

    // Bombs: a gibibyte of zeros in a megabyte, declared honestly or not.
    files.push(file(
        "zip bomb in the sheet.xlsx",
        Expect::Refused("unpacks to 1,024 MiB"),
        zip_bomb("xl/worksheets/sheet1.xml", 1_024, 1 << 30, &xlsx_frame()),
    ));
    let mut frame = xlsx_frame();
    frame.push((
        "xl/worksheets/sheet1.xml",
        sheet_xml("", "", &rows).into_bytes(),
    ));
    files.push(file(
        "zip bomb in the shared strings.xlsx",
        Expect::Refused("xl/sharedStrings.xml unpacks to"),
        zip_bomb("xl/sharedStrings.xml", 1_024, 1 << 30, &frame),
    ));
    files.push(file(
        "a zip bomb that lies about its size.xlsx",
        Expect::Refused("cannot read the workbook"),
        zip_bomb("xl/worksheets/sheet1.xml", 1_024, 10_000, &xlsx_frame()),
    ));
    files.push(file(
        "a lying bomb in the shared strings.xlsx",
        Expect::Refused("cannot read the workbook"),
        zip_bomb("xl/sharedStrings.xml", 256, 10_000, &frame),
    ));

    // OLE files: XLS records, and Excel's password-protected XLSX.
    let xls = |extra: &[(u16, Vec<u8>)]| ole(&[("Workbook", xls_stream(20, extra, &[]))]);
    files.push(file("a good workbook.xls", Expect::Imported, xls(&[])));
    files.push(file(
        "a value at IV65536.xls",
        Expect::Refused("spans 65,536 rows by 256 columns"),
        xls(&[cell_record(65_535, 255)]),
    ));
    files.push(file(
        "row and column at 65535.xls",
        Expect::Refused("spans"),
        xls(&[cell_record(65_535, 65_535)]),
    ));
    let mut mulrk = Vec::new();
    for v in [5u16, 0] {
        mulrk.extend(v.to_le_bytes());
    }
    mulrk.extend([0u8; 6]);
    mulrk.extend(65_535u16.to_le_bytes());
    files.push(file(
        "a mulrk to column 65535.xls",
        Expect::Any,
        xls(&[(0x00BD, mulrk)]),
    ));
    let huge_dims = {
        let mut d = Vec::new();
        d.extend(0u32.to_le_bytes());
        d.extend(0x4000_0000u32.to_le_bytes());
        d.extend([0, 0, 0, 1, 0, 0]);
        d
    };
    files.push(file(
        "a dimensions record of a billion rows.xls",
        Expect::Refused("dimensions record"),
        xls(&[(0x0200, huge_dims)]),
    ));
    let inverted = {
        let mut d = Vec::new();
        d.extend(100u32.to_le_bytes());
        d.extend(5u32.to_le_bytes());
        d.extend([0, 0, 2, 0, 0, 0]);
        d
    };
    files.push(file(
        "inverted dimensions.xls",
        Expect::Any,
        xls(&[(0x0200, inverted)]),
    ));
    files.push(file(
        "a password.xls",
        Expect::Refused("password-protected"),
        ole(&[(
            "Workbook",
            xls_stream(5, &[], &[(0x002F, vec![1, 0, 1, 0, 1, 0])]),
        )]),
    ));
    let stream = xls_stream(20, &[], &[]);
    for cut in [3, 20, 40, 90, stream.len() / 2, stream.len() - 3] {
        files.push(file(
            format!("workbook stream cut at {cut}.xls"),
            Expect::Any,
            ole(&[("Workbook", stream[..cut].to_vec())]),
        ));
    }
    let mut bad_offset = stream.clone();
    let at = bad_offset
        .windows(2)
        .position(|w| w == [0x85, 0x00])
        .expect("boundsheet")
        + 4;
    bad_offset[at..at + 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    files.push(file(
        "a sheet offset past the end.xls",
        Expect::Any,
        ole(&[("Workbook", bad_offset)]),
    ));
    files.push(file(
        "an ole file without a workbook.xls",
        Expect::Refused("cannot read the workbook"),
        ole(&[("Contents", b"nothing here".to_vec())]),
    ));
    let encrypted = |name: &str| {
        let mut rng = fastrand::Rng::with_seed(6_000);
        let package: Vec<u8> = (0..8_192).map(|_| rng.u8(..)).collect();
        let info = [4u8, 0, 4, 0, 0x40, 0, 0, 0]
            .iter()
            .copied()
            .chain(b"<?xml version=\"1.0\"?><encryption/>".iter().copied())
            .collect();
        file(
            name,
            Expect::Refused("password-protected"),
            ole(&[("EncryptionInfo", info), ("EncryptedPackage", package)]),
        )
    };
    files.push(encrypted("password-protected.xlsx"));
    files.push(encrypted("password-protected with an xls name.xls"));

    // Web pages and XML saved under a spreadsheet's name, as many CRMs export "Excel".
    files.push(file("a web page.xls", Expect::Refused("web page"), br#"<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><table><tr><td>Account Name</td><td>Website</td></tr><tr><td>Firm</td><td>firm.example</td></tr></table></body></html>"#.to_vec()));
    files.push(file(
        "a bare table.xls",
        Expect::Refused("web page"),
        b"\r\n  <table border=1><tr><th>Account Name</th></tr><tr><td>Firm</td></tr></table>"
            .to_vec(),
    ));
    files.push(file(
        "a doctype.xls",
        Expect::Refused("web page"),
        b"\xEF\xBB\xBF<!DOCTYPE html>\n<html><body><table></table></body></html>".to_vec(),
    ));
    files.push(file("excel 2003 xml.xls", Expect::Refused("XML"), br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Accounts"><Table><Row><Cell><Data ss:Type="String">Account Name</Data></Cell></Row></Table></Worksheet></Workbook>"#.to_vec()));

    // ODS.
    let ods_rows = format!(
        "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>",
        ods_cell("Account Name"),
        ods_cell("Website"),
        ods_cell("Firm"),
        ods_cell("firm.example")
    );
    files.push(file(
        "a good workbook.ods",
        Expect::Imported,
        ods(&ods_rows),
    ));
    let trailing = format!(
        r#"{ods_rows}<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
    );
    files.push(file(
        "trailing empty rows.ods",
        Expect::Imported,
        ods(&trailing),
    ));
    let repeated = format!(
        r#"{ods_rows}<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#
    );
    files.push(file(
        "repeated values spanning 98 million cells.ods",
        Expect::Refused("spans"),
        ods(&repeated),
    ));
    let far_ods = format!(
        r#"{ods_rows}<table:table-row table:number-rows-repeated="1000000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/>{}</table:table-row>"#,
        ods_cell("far")
    );
    files.push(file(
        "a far cell.ods",
        Expect::Refused("spans"),
        ods(&far_ods),
    ));
    let laughing = format!("<table:table-row>{}</table:table-row>", ods_cell("&lol9;"));
    files.push(file(
        "laughs.ods",
        Expect::Any,
        ods_after(&laughs(), &laughing),
    ));
    files
}

pub fn expensive() -> Vec<BadFile> {
    vec![
        // 21 rows by 65,536 columns: far, but a grid of 44 MB.
        file(
            "a column at 65535.xls",
            Expect::Imported,
            ole(&[("Workbook", xls_stream(20, &[cell_record(3, 65_535)], &[]))]),
        ),
        lazy("a million rows.xlsx", Expect::Imported, |path: &Path| {
            let mut workbook = Workbook::new();
            let sheet = workbook.add_worksheet();
            sheet.write_string(0, 0, "Account Name").expect("cell");
            sheet.write_string(0, 1, "Employees").expect("cell");
            for r in 1..1_000_000u32 {
                sheet.write_string(r, 0, format!("Firm {r}")).expect("cell");
                sheet
                    .write_number(r, 1, f64::from(r % 5_000))
                    .expect("cell");
            }
            workbook.save(path).expect("workbook");
        }),
        lazy(
            "16384 columns by 200 rows.xlsx",
            Expect::Imported,
            |path: &Path| {
                let mut workbook = Workbook::new();
                let sheet = workbook.add_worksheet();
                sheet.write_string(0, 0, "Account Name").expect("cell");
                for c in 1..16_384u16 {
                    sheet
                        .write_string(0, c, format!("Field {c}"))
                        .expect("cell");
                }
                for r in 1..=200u32 {
                    sheet.write_string(r, 0, format!("Firm {r}")).expect("cell");
                    for c in 1..16_384u16 {
                        sheet.write_number(r, c, f64::from(c)).expect("cell");
                    }
                }
                workbook.save(path).expect("workbook");
            },
        ),
        lazy(
            "an honest 120 MiB of zeros.xlsx",
            Expect::Any,
            |path: &Path| {
                std::fs::write(
                    path,
                    zip_bomb("xl/worksheets/sheet1.xml", 120, 120 << 20, &xlsx_frame()),
                )
                .expect("write");
            },
        ),
        lazy(
            "a shared string of 100 MiB.xlsx",
            Expect::Any,
            |path: &Path| {
                let mut frame = xlsx_frame();
                let rows = format!(r#"{HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#);
                frame.push((
                    "xl/worksheets/sheet1.xml",
                    sheet_xml("", "", &rows).into_bytes(),
                ));
                let shared = format!(
                    r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{}</t></si></sst>"#,
                    "a".repeat(100 << 20)
                );
                frame.push(("xl/sharedStrings.xml", shared.into_bytes()));
                std::fs::write(path, zip(&frame)).expect("write");
            },
        ),
    ]
}
