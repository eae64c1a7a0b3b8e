//! The bad files, made from fixed seeds so every run tries the same ones. Each is written
//! just before it is imported and removed after, so the large ones never sit on disk together.

mod workbooks;

use std::fmt::Write as _;
use std::path::Path;

/// One file of the corpus.
pub struct BadFile {
    pub name: String,
    pub write: Box<dyn Fn(&Path) + Send>,
    pub expect: Expect,
}

/// What importing a file must do, beyond "a report or a reason, never a panic".
pub enum Expect {
    /// Either is fine: damaged or random input.
    Any,
    /// Imported with a report (rows may be rejected in it).
    Imported,
    /// Refused, with these words in the reason.
    Refused(&'static str),
}

pub fn file(name: impl Into<String>, expect: Expect, bytes: Vec<u8>) -> BadFile {
    BadFile {
        name: name.into(),
        write: Box::new(move |path| std::fs::write(path, &bytes).expect("write a bad file")),
        expect,
    }
}

pub fn lazy(
    name: impl Into<String>,
    expect: Expect,
    make: impl Fn(&Path) + Send + 'static,
) -> BadFile {
    BadFile {
        name: name.into(),
        write: Box::new(make),
        expect,
    }
}

/// The quick majority, for `make test`.
pub fn quick() -> Vec<BadFile> {
    let mut files = Vec::new();
    files.extend(encodings());
    files.extend(ragged());
    files.extend(random_text());
    files.extend(junk());
    files.extend(large_cells());
    files.extend(workbooks::quick());
    files
}

/// The expensive few, for `make reliability`.
pub fn expensive() -> Vec<BadFile> {
    let mut files = vec![
        lazy("a million rows.csv", Expect::Imported, |path| {
            write_accounts(path, 1_000_000, 1)
        }),
        lazy("a million bad rows.csv", Expect::Imported, |path| {
            let mut text = String::from("Account Name,Employees,Annual Revenue\n");
            for i in 0..1_000_000u32 {
                // Every row has a count that is not a number, a third have no name at all.
                let name = if i % 3 == 0 {
                    String::new()
                } else {
                    format!("Firm {i}")
                };
                writeln!(text, "{name},many,{i}x").expect("write");
            }
            std::fs::write(path, text).expect("write");
        }),
        lazy("20000 rows.csv", Expect::Imported, |path| {
            write_accounts(path, 20_000, 7)
        }),
        file("40001 columns.csv", Expect::Any, {
            let mut wider = String::from("Account Name");
            wider.push_str(&",".repeat(40_000));
            wider.push_str("\nFirm\n");
            wider.into_bytes()
        }),
        lazy("16384 columns by 500 rows.csv", Expect::Imported, |path| {
            let mut text = String::from("Account Name");
            for c in 1..16_384 {
                write!(text, ",Field {c}").expect("write");
            }
            text.push('\n');
            for r in 0..500 {
                write!(text, "Firm {r}").expect("write");
                text.push_str(&",x".repeat(16_383));
                text.push('\n');
            }
            std::fs::write(path, text).expect("write");
        }),
    ];
    files.extend(workbooks::expensive());
    files
}

/// Account rows with accented names and the usual columns, some values a little off.
pub fn accounts_csv(rows: usize, seed: u64, delimiter: char, newline: &str) -> String {
    let mut rng = fastrand::Rng::with_seed(seed);
    let names = [
        "Fernhill",
        "Quarry Lane",
        "Ødegaard",
        "Société Générale",
        "Zürich Re",
        "Łódź Tools",
        "Café Olé",
        "Ñandú",
    ];
    let d = delimiter;
    let mut text =
        format!("Account Name{d}Website{d}Industry{d}Employees{d}Annual Revenue{newline}");
    for i in 0..rows {
        let name = names[rng.usize(..names.len())];
        let employees = match rng.u8(..10) {
            0 => "lots".to_string(),
            1 => String::new(),
            _ => rng.u32(1..50_000).to_string(),
        };
        write!(
            text,
            "{name} {i}{d}www.firm{i}.example{d}Retail{d}{employees}{d}{}{newline}",
            rng.u32(..10_000_000)
        )
        .expect("write");
    }
    text
}

fn write_accounts(path: &Path, rows: usize, seed: u64) {
    std::fs::write(path, accounts_csv(rows, seed, ',', "\n")).expect("write");
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = (if bom { "\u{feff}" } else { "" })
        .encode_utf16()
        .chain(text.encode_utf16());
    for unit in units {
        bytes.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    bytes
}

/// Windows-1252 for the characters it has, `?` for the rest.
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            c if (c as u32) < 0x80 => c as u8,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

fn encodings() -> Vec<BadFile> {
    let mut files = Vec::new();
    for seed in 0..3u64 {
        let text = accounts_csv(40, seed, ',', "\n");
        let n = |what: &str| format!("encoding {seed} {what}.csv");
        files.push(file(
            n("utf-8"),
            Expect::Imported,
            text.clone().into_bytes(),
        ));
        files.push(file(
            n("utf-8 bom"),
            Expect::Imported,
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ));
        files.push(file(
            n("utf-16le bom"),
            Expect::Imported,
            utf16(&text, false, true),
        ));
        files.push(file(
            n("utf-16be bom"),
            Expect::Imported,
            utf16(&text, true, true),
        ));
        files.push(file(
            n("utf-16le without bom"),
            Expect::Refused("binary data"),
            utf16(&text, false, false),
        ));
        let mut odd = utf16(&text, false, true);
        odd.pop();
        files.push(file(n("utf-16 cut mid-character"), Expect::Any, odd));
        files.push(file(
            n("windows-1252"),
            Expect::Imported,
            windows_1252(&text),
        ));
        let mut invalid = text.clone().into_bytes();
        let at = invalid.len() / 2;
        invalid.splice(at..at, [0xC3, 0x28, 0xFF]);
        files.push(file(n("invalid utf-8 mid-file"), Expect::Any, invalid));
        let mut cut = text.clone().into_bytes();
        cut.extend("Zoë".as_bytes());
        cut.pop();
        files.push(file(n("utf-8 cut mid-character"), Expect::Any, cut));
        files.push(file(
            n("crlf"),
            Expect::Imported,
            accounts_csv(40, seed, ',', "\r\n").into_bytes(),
        ));
        files.push(file(
            n("cr only"),
            Expect::Any,
            accounts_csv(40, seed, ',', "\r").into_bytes(),
        ));
        files.push(file(
            n("semicolons"),
            Expect::Imported,
            accounts_csv(40, seed, ';', "\n").into_bytes(),
        ));
        files.push(file(
            n("tabs"),
            Expect::Imported,
            accounts_csv(40, seed, '\t', "\n").into_bytes(),
        ));
        files.push(file(
            n("pipes"),
            Expect::Imported,
            accounts_csv(40, seed, '|', "\n").into_bytes(),
        ));
        let mut nul = text.clone().into_bytes();
        let at = nul.len() - 10;
        nul.insert(at, 0);
        files.push(file(n("a zero byte near the end"), Expect::Any, nul));
    }
    files
}

fn ragged() -> Vec<BadFile> {
    let mut files = Vec::new();
    let header = "Account Name,Website,Industry,Employees\n";
    for seed in 0..3u64 {
        let mut rng = fastrand::Rng::with_seed(100 + seed);
        let n = |what: &str| format!("ragged {seed} {what}.csv");
        let mut rows = |make: &mut dyn FnMut(usize, &mut fastrand::Rng) -> String| {
            let mut text = header.to_string();
            for i in 0..60 {
                text.push_str(&make(i, &mut rng));
                text.push('\n');
            }
            text.into_bytes()
        };
        let short = rows(&mut |i, _| format!("Firm {i}"));
        let long = rows(&mut |i, r| format!("Firm {i},a,b,c,{}", "x,".repeat(r.usize(1..40))));
        let random = rows(&mut |i, r| {
            let cells: Vec<String> = (0..r.usize(0..9)).map(|c| format!("v{i}.{c}")).collect();
            cells.join(",")
        });
        let unclosed = rows(&mut |i, _| {
            if i == 30 {
                "\"Firm 30,never closed".into()
            } else {
                format!("Firm {i},w,i,1")
            }
        });
        let stray = rows(&mut |i, _| format!("Fi\"rm {i},w\"\",i,\"1\"x"));
        let blank = rows(&mut |i, r| {
            if r.bool() {
                String::new()
            } else {
                format!("Firm {i},,,")
            }
        });
        let commas = rows(&mut |_, r| ",".repeat(r.usize(0..12)));
        let newlines = rows(&mut |i, _| format!("\"Firm\n{i}\",\"a\r\nb\",\"\",\"\"\"\""));
        for (what, bytes) in [
            ("short rows", short),
            ("long rows", long),
            ("random widths", random),
            ("an unclosed quote", unclosed),
            ("stray quotes", stray),
            ("blank rows", blank),
            ("rows of commas", commas),
            ("newlines in cells", newlines),
        ] {
            files.push(file(n(what), Expect::Any, bytes));
        }
        files.push(file(
            n("header only"),
            Expect::Any,
            header.as_bytes().to_vec(),
        ));
        files.push(file(
            n("duplicate headers"),
            Expect::Any,
            b"Account Name,Account Name,,,Website,Website\nA,B,C,D,E,F\n".to_vec(),
        ));
        files.push(file(
            n("blank headers"),
            Expect::Any,
            b",,,\nFirm 1,a,b,c\n".to_vec(),
        ));
        files.push(file(
            n("header across lines"),
            Expect::Any,
            b"\"Account\nName\",Website\nFirm,x\n".to_vec(),
        ));
        files.push(file(
            n("no header kind"),
            Expect::Refused("match no sheet"),
            b"Colour,Flavour\nred,sweet\n".to_vec(),
        ));
    }
    files
}

/// Random text built from what trips CSV readers up: quotes, delimiters, line breaks, BOMs,
/// long runs, under a header that maps to accounts. (No "1.234,56": it makes nearly every
/// file ask which decimal separator its column uses, which stops the import before the rest.)
fn random_text() -> Vec<BadFile> {
    let pieces = [
        ",",
        ";",
        "\t",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        " ",
        "Firm",
        "é",
        "\u{feff}",
        "=SUM(A1)",
        "1,5",
        "12",
        "03/04/2024",
        "0",
        "-",
        "\u{202e}",
        "𝔘",
    ];
    (0..50u64)
        .map(|seed| {
            let mut rng = fastrand::Rng::with_seed(1_000 + seed);
            let mut text = String::from("Account Name,Employees,Annual Revenue,Last Activity\n");
            for _ in 0..rng.usize(0..3_000) {
                text.push_str(pieces[rng.usize(..pieces.len())]);
            }
            file(
                format!("random text {seed}.csv"),
                Expect::Any,
                text.into_bytes(),
            )
        })
        .collect()
}

fn junk() -> Vec<BadFile> {
    let mut files = vec![
        file("empty.csv", Expect::Refused("empty"), Vec::new()),
        file("empty.xlsx", Expect::Refused("empty"), Vec::new()),
        file(
            "only a bom.csv",
            Expect::Refused("empty"),
            b"\xEF\xBB\xBF".to_vec(),
        ),
        file(
            "only newlines.csv",
            Expect::Refused("empty"),
            b"\n\n\r\n\n".to_vec(),
        ),
        file("only spaces.csv", Expect::Any, b"     \n   \n".to_vec()),
        file("one comma.csv", Expect::Any, b",".to_vec()),
        file(
            "a png named csv.csv",
            Expect::Refused("binary data"),
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10".to_vec(),
        ),
        file(
            "a pdf named csv.csv",
            Expect::Any,
            b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
        ),
        file(
            "a gzip named csv.csv",
            Expect::Refused("binary data"),
            b"\x1f\x8b\x08\0\0\0\0\0\0\x03\x4b\x4c\x4a\x06\0".to_vec(),
        ),
        file(
            "only the zip magic.xlsx",
            Expect::Refused("cannot read the workbook"),
            b"PK\x03\x04".to_vec(),
        ),
        file(
            "only the ole magic.xls",
            Expect::Refused("cannot read the workbook"),
            b"\xD0\xCF\x11\xE0".to_vec(),
        ),
    ];
    for seed in 0..20u64 {
        let mut rng = fastrand::Rng::with_seed(2_000 + seed);
        let len = [1, 7, 100, 4_096, 70_000][seed as usize % 5];
        let mut bytes: Vec<u8> = (0..len).map(|_| rng.u8(..)).collect();
        // Every fourth starts like a workbook, so the workbook readers get junk too.
        let magic: &[u8] = match seed % 4 {
            1 => b"PK\x03\x04",
            3 => b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            _ => b"",
        };
        bytes.splice(0..0, magic.iter().copied());
        let ext = ["csv", "xlsx", "txt", "xls"][seed as usize % 4];
        files.push(file(format!("junk {seed}.{ext}"), Expect::Any, bytes));
    }
    files
}

fn large_cells() -> Vec<BadFile> {
    let mut rng = fastrand::Rng::with_seed(3_000);
    let mut long = String::from("Account Name,Notes,Website\n");
    for i in 0..200 {
        let notes: String = (0..32_767).map(|_| rng.alphanumeric()).collect();
        writeln!(long, "Firm {i},{notes},firm{i}.example").expect("write");
    }
    let mut longer = String::from("Account Name,Notes\n");
    writeln!(longer, "Firm,\"{}\"", "a,\n\"\"b".repeat(50_000)).expect("write");
    writeln!(longer, "{},too long a name", "N".repeat(40_000)).expect("write");
    let mut wide = String::from("Account Name");
    for c in 1..16_384 {
        write!(wide, ",Field {c}").expect("write");
    }
    wide.push('\n');
    for r in 0..20 {
        write!(wide, "Firm {r}").expect("write");
        wide.push_str(&",1".repeat(16_383));
        wide.push('\n');
    }
    vec![
        file(
            "32767-character cells.csv",
            Expect::Imported,
            long.into_bytes(),
        ),
        file(
            "cells over 32767 characters.csv",
            Expect::Any,
            longer.into_bytes(),
        ),
        file("16384 columns.csv", Expect::Imported, wide.into_bytes()),
    ]
}
