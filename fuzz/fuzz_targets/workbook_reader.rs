//! Bytes that look like a workbook: an XLSX or ODS (a zip) or an XLS (an OLE file), so they
//! reach calamine, the reader's guards in front of it, and then the same mapping and record
//! building as text files. XLS input was once left out because calamine aborted on a cell at
//! row or column 65,535 (a grid of 137 GB); the reader now measures an XLS's records first and
//! refuses such a sheet, so the fuzzer checks that no input gets past that bound.

#![no_main]

use libfuzzer_sys::fuzz_target;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fuzz_target!(
    init: {
        // The reader turns a panic inside calamine into an error naming the file, as it does in
        // the app, but libfuzzer-sys's hook aborts before that guard can catch it; so the hook
        // stands aside for calamine alone. A panic anywhere else still aborts: any panic that
        // escapes the target reaches libfuzzer-sys's own catch_unwind.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.location().is_some_and(|at| at.file().contains("/calamine-")) {
                abort(info);
            }
        }));
    },
    |data: &[u8]| {
        // Input that opens like a workbook is read as it is; the rest gets a zip's opening, or
        // an OLE file's when its length is odd, so each reader gets its share.
        let prefix = if data.starts_with(ZIP) || data.starts_with(&OLE[..4]) {
            &[][..]
        } else if data.len() % 2 == 0 {
            ZIP
        } else {
            OLE
        };
        let mut bytes = Vec::with_capacity(prefix.len() + data.len());
        bytes.extend_from_slice(prefix);
        bytes.extend_from_slice(data);
        terrain_sheets::fuzzing::read_bytes(&bytes).expect("the scratch file is writable");
    }
);
