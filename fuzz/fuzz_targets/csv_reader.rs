//! Any bytes as a text file: decoding, delimiter sniffing, CSV splitting, header cleaning,
//! kind detection and mapping, and record building, with each kind forced in turn.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Workbook bytes go to calamine instead; the workbook_reader target covers those.
    if data.starts_with(b"PK\x03\x04") || data.starts_with(b"\xD0\xCF\x11\xE0") {
        return;
    }
    terrain_sheets::fuzzing::read_bytes(data).expect("the scratch file is writable");
});
