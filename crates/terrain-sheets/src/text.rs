//! Text files read as a stream: encoding, delimiter, and rows numbered as a spreadsheet shows
//! them.
//!
//! A CRM export can be larger than the memory a desktop app should take, so a text file is
//! never held whole. The encoding is settled by one pass over the bytes (a file is UTF-8 only
//! if all of it is), and each later pass reopens the file and decodes it as it goes.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::grid::RawCell;
use crate::{Error, Result};

/// How much of the start of a file the delimiter is sniffed from.
const SNIFF_BYTES: usize = 64 * 1024;

/// A text file whose encoding and delimiter are known.
#[derive(Debug, Clone)]
pub(crate) struct TextFile {
    path: PathBuf,
    /// `None` for UTF-8, read as is.
    encoding: Option<&'static Encoding>,
    /// Bytes to skip at the start: a UTF-8 byte order mark.
    skip: u64,
    delimiter: u8,
}

impl TextFile {
    /// Settles the encoding and the delimiter of a text file.
    pub(crate) fn open(file: &str, path: &Path) -> Result<TextFile> {
        let read_error = |source| Error::Read {
            file: file.to_string(),
            source,
        };
        let mut reader = BufReader::with_capacity(1 << 20, File::open(path).map_err(read_error)?);
        let mut head = [0u8; 3];
        let got = read_up_to(&mut reader, &mut head).map_err(read_error)?;
        let head = &head[..got];

        let (encoding, skip) = if head.starts_with(b"\xFF\xFE") {
            (Some(encoding_rs::UTF_16LE), 0)
        } else if head.starts_with(b"\xFE\xFF") {
            (Some(encoding_rs::UTF_16BE), 0)
        } else {
            let bom = head.starts_with(b"\xEF\xBB\xBF");
            let mut validator = Utf8Check::default();
            validator.feed(if bom { &head[3..] } else { head });
            let mut buffer = vec![0u8; 1 << 20];
            loop {
                let n = reader.read(&mut buffer).map_err(read_error)?;
                if n == 0 || !validator.valid {
                    break;
                }
                validator.feed(&buffer[..n]);
            }
            let utf8 = validator.finish();
            (
                (!utf8).then_some(encoding_rs::WINDOWS_1252),
                if bom && utf8 { 3 } else { 0 },
            )
        };

        let mut text = TextFile {
            path: path.to_path_buf(),
            encoding,
            skip,
            delimiter: b',',
        };
        let mut start = Vec::with_capacity(SNIFF_BYTES);
        text.decoded()
            .map_err(read_error)?
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut start)
            .map_err(read_error)?;
        text.delimiter = sniff_delimiter(&String::from_utf8_lossy(&start));
        Ok(text)
    }

    /// The name of the encoding the file was read in, when it was not UTF-8: a silent
    /// re-encoding would hide mangled names.
    pub(crate) fn note(&self) -> Option<&'static str> {
        match self.encoding {
            Some(e) if e == encoding_rs::WINDOWS_1252 => Some("windows-1252"),
            _ => None,
        }
    }

    /// The file's content as UTF-8 bytes, from the start.
    fn decoded(&self) -> io::Result<Box<dyn Read>> {
        let mut file = BufReader::with_capacity(1 << 20, File::open(&self.path)?);
        io::copy(&mut (&mut file).take(self.skip), &mut io::sink())?;
        Ok(match self.encoding {
            None => Box::new(file),
            Some(encoding) => Box::new(
                DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding))
                    .bom_override(true)
                    .build(file),
            ),
        })
    }

    /// The file's rows in order, each with the number a spreadsheet shows for it.
    pub(crate) fn rows(&self, file: &str) -> Result<TextRows> {
        let seen = Rc::new(RefCell::new(Window::default()));
        let tap = Tap {
            inner: self.decoded().map_err(|source| Error::Read {
                file: file.to_string(),
                source,
            })?,
            seen: Rc::clone(&seen),
        };
        let reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(tap);
        Ok(TextRows {
            file: file.to_string(),
            reader,
            record: csv::ByteRecord::new(),
            seen,
            line: 1,
            inner_breaks: 0,
            last_row: 0,
            pending: None,
            done: false,
        })
    }
}

fn read_up_to(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buffer.len() {
        match reader.read(&mut buffer[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// UTF-8 validation of a byte stream fed in pieces that may split a character.
#[derive(Default)]
struct Utf8Check {
    carry: Vec<u8>,
    valid: bool,
    started: bool,
}

impl Utf8Check {
    fn feed(&mut self, bytes: &[u8]) {
        if !self.started {
            self.started = true;
            self.valid = true;
        }
        if !self.valid {
            return;
        }
        let joined;
        let bytes = if self.carry.is_empty() {
            bytes
        } else {
            joined = [std::mem::take(&mut self.carry).as_slice(), bytes].concat();
            &joined
        };
        if let Err(e) = std::str::from_utf8(bytes) {
            match e.error_len() {
                // A character cut at the end of this piece: finish it with the next one.
                None => self.carry = bytes[e.valid_up_to()..].to_vec(),
                Some(_) => self.valid = false,
            }
        }
    }

    fn finish(self) -> bool {
        !self.started || (self.valid && self.carry.is_empty())
    }
}

/// The decoded bytes the CSV reader has taken but whose rows are not yet numbered.
#[derive(Default)]
struct Window {
    /// Stream offset of `bytes[0]`.
    base: u64,
    bytes: VecDeque<u8>,
}

impl Window {
    /// Counts the line breaks in `[from, to)` and forgets everything before `to`.
    fn consume(&mut self, from: u64, to: u64) -> (u64, u64) {
        let drop_before = from.saturating_sub(self.base).min(self.bytes.len() as u64) as usize;
        self.bytes.drain(..drop_before);
        self.base += drop_before as u64;
        let span = to.saturating_sub(self.base).min(self.bytes.len() as u64) as usize;
        // Line breaks before the record's first character are blank lines the CSV reader
        // skipped; the rest belong to the record itself.
        let window = &self.bytes.make_contiguous()[..span];
        let lead = window
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .unwrap_or(span);
        let count = |bytes: &[u8]| bytes.iter().filter(|b| **b == b'\n').count() as u64;
        let counts = (count(&window[..lead]), count(&window[lead..]));
        self.bytes.drain(..span);
        self.base += span as u64;
        counts
    }
}

/// Copies every byte the CSV reader takes into the window, so rows can be numbered from the
/// real line breaks.
struct Tap {
    inner: Box<dyn Read>,
    seen: Rc<RefCell<Window>>,
}

/// The most one row may take: a quoted cell that never closes would otherwise make the rest
/// of the file one row, held whole.
const MAX_ROW_BYTES: usize = 64 << 20;

impl Read for Tap {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut seen = self.seen.borrow_mut();
        if seen.bytes.len() > MAX_ROW_BYTES {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "a row is longer than 64 MiB: a quoted cell that never closes? (check the \
                 quotes on this row)",
            ));
        }
        seen.bytes.extend(&buf[..n]);
        Ok(n)
    }
}

/// The rows of a text file. Row numbers count records as a spreadsheet shows them: a quoted
/// cell's line breaks do not start new rows, but skipped blank lines still count and come
/// back as blank rows.
pub(crate) struct TextRows {
    file: String,
    reader: csv::Reader<Tap>,
    record: csv::ByteRecord,
    seen: Rc<RefCell<Window>>,
    /// The physical line the next record starts on.
    line: u64,
    /// Line breaks inside quoted cells so far.
    inner_breaks: u64,
    last_row: u32,
    /// The record just read, handed out after the blank rows before it.
    pending: Option<(u32, Vec<RawCell>)>,
    done: bool,
}

impl TextRows {
    fn cells(&self) -> Vec<RawCell> {
        self.record
            .iter()
            .map(|field| RawCell::Text(String::from_utf8_lossy(field).into_owned()))
            .collect()
    }
}

impl Iterator for TextRows {
    type Item = Result<(u32, Vec<RawCell>)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some((number, _)) = &self.pending {
                // Skipped blank lines come back as blank rows first, so they are counted.
                if self.last_row + 1 < *number {
                    self.last_row += 1;
                    return Some(Ok((self.last_row, Vec::new())));
                }
                let (number, cells) = self.pending.take()?;
                self.last_row = number;
                return Some(Ok((number, cells)));
            }
            if self.done {
                return None;
            }
            let start = self.reader.position().byte();
            match self.reader.read_byte_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(source) => {
                    self.done = true;
                    return Some(Err(Error::Csv {
                        file: self.file.clone(),
                        row: self.last_row + 1,
                        source,
                    }));
                }
            }
            let end = self.reader.position().byte();
            let (leading, own) = self.seen.borrow_mut().consume(start, end);
            self.line += leading;
            let number =
                u32::try_from(self.line.saturating_sub(self.inner_breaks)).unwrap_or(u32::MAX);
            self.line += own;
            self.inner_breaks += self
                .record
                .iter()
                .map(|f| f.iter().filter(|b| **b == b'\n').count() as u64)
                .sum::<u64>();
            self.pending = Some((number, self.cells()));
        }
    }
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
