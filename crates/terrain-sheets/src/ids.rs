//! Salesforce record ids, which CRM exports write in two forms.
//!
//! A Salesforce id is 15 case-sensitive characters: `0015g00000AbCdE` and `0015g00000ABCDE` are
//! two different accounts. Reports and exports often write the 18-character form instead, whose
//! last three characters encode the case of the first fifteen so that tools comparing without
//! case (Excel, `COLLATE NOCASE`) still tell records apart. Terrain keys records by the
//! 15-character form and compares it byte for byte, so the row builders pass every id cell
//! through [`check`]: a valid 18-character id, even one whose case was folded on the way, is
//! reduced to its 15-character form, and one whose suffix does not check out is reported
//! instead of being joined to whichever record it happens to resemble.

/// The alphabet of the suffix: each character stands for which of five characters are capitals.
const SUFFIX_ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// What an id cell turned out to hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SalesforceId {
    /// Not an 18-character Salesforce id (a 15-character one, or an id of another system such
    /// as `OPP-001` or `12345`): it stays exactly as written.
    Other,
    /// A valid 18-character id, as its 15-character form in the case its suffix gives.
    Reduced(String),
    /// The shape of an 18-character id whose suffix fits neither the id as written nor a
    /// case-folded copy of it.
    BadSuffix {
        /// The suffix the first fifteen characters as written would need, when their case is
        /// mixed; `None` when the case was folded and cannot say.
        expected: Option<String>,
    },
}

/// Checks an id cell against the 18-character Salesforce form.
///
/// Only values shaped like a Salesforce id are touched: 18 ASCII letters and digits, with at
/// least one digit and one letter among the first fifteen (a key prefix such as `001` and a
/// zero-padded record number always bring digits), and a last three characters drawn from the
/// suffix alphabet. Anything else is [`SalesforceId::Other`].
pub(crate) fn check(value: &str) -> SalesforceId {
    let bytes = value.as_bytes();
    if bytes.len() != 18 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return SalesforceId::Other;
    }
    let (body, tail) = bytes.split_at(15);
    let looks_like_an_id = body.iter().any(u8::is_ascii_digit)
        && body.iter().any(u8::is_ascii_alphabetic)
        && tail.iter().all(|c| suffix_value(*c).is_some());
    if !looks_like_an_id {
        return SalesforceId::Other;
    }

    let given: Vec<u8> = tail.iter().map(u8::to_ascii_uppercase).collect();
    if suffix(body) == given.as_slice() {
        return SalesforceId::Reduced(ascii(body));
    }
    let folded =
        !body.iter().any(u8::is_ascii_uppercase) || !body.iter().any(u8::is_ascii_lowercase);
    if !folded {
        return SalesforceId::BadSuffix {
            expected: Some(ascii(&suffix(body))),
        };
    }
    // A folded copy: give each letter back the case its suffix bit says, which fails only when
    // a bit claims a capital where the id has a digit.
    let mut restored = Vec::with_capacity(15);
    for (block, &code) in body.chunks(5).zip(&given) {
        let bits = suffix_value(code).unwrap_or_default();
        for (i, &c) in block.iter().enumerate() {
            let capital = bits & (1 << i) != 0;
            if capital && !c.is_ascii_alphabetic() {
                return SalesforceId::BadSuffix { expected: None };
            }
            restored.push(if capital {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            });
        }
    }
    SalesforceId::Reduced(ascii(&restored))
}

/// The three suffix characters of a 15-character id: for each block of five characters, the
/// bits of its capitals (bit `i` for character `i`), written in [`SUFFIX_ALPHABET`].
fn suffix(body: &[u8]) -> [u8; 3] {
    let mut out = [b'A'; 3];
    for (slot, block) in out.iter_mut().zip(body.chunks(5)) {
        let bits = block
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_uppercase())
            .fold(0usize, |bits, (i, _)| bits | (1 << i));
        *slot = SUFFIX_ALPHABET[bits];
    }
    out
}

/// The bits a suffix character stands for, reading it without case.
fn suffix_value(c: u8) -> Option<u8> {
    let c = c.to_ascii_uppercase();
    SUFFIX_ALPHABET
        .iter()
        .position(|&s| s == c)
        .and_then(|p| u8::try_from(p).ok())
}

fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// The message for an id whose suffix does not check out, with what to do about it.
pub(crate) fn bad_suffix_message(value: &str, expected: Option<&str>) -> String {
    let why = match expected {
        Some(expected) => format!(
            "its last three characters should be \"{expected}\" for the first fifteen as written"
        ),
        None => "its last three characters do not fit the letters before them".to_string(),
    };
    format!(
        "\"{value}\" is not a valid 18-character Salesforce id: {why} (copy the id from the \
         CRM again, or give its 15-character form)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduced(id: &str) -> SalesforceId {
        SalesforceId::Reduced(id.to_string())
    }

    #[test]
    fn the_suffix_encodes_the_capitals_of_each_block_of_five() {
        assert_eq!(&suffix(b"0015g00000AbCdE"), b"AAV");
        assert_eq!(&suffix(b"0015g00000ABCDE"), b"AA5");
        assert_eq!(&suffix(b"001000000000000"), b"AAA");
    }

    #[test]
    fn a_valid_18_character_id_is_reduced_to_its_15_character_form() {
        assert_eq!(check("0015g00000AbCdEAAV"), reduced("0015g00000AbCdE"));
        assert_eq!(check("0015g00000ABCDEAA5"), reduced("0015g00000ABCDE"));
    }

    #[test]
    fn a_case_folded_18_character_id_gets_its_case_back_from_the_suffix() {
        assert_eq!(check("0015g00000abcdeaav"), reduced("0015g00000AbCdE"));
        assert_eq!(check("0015G00000ABCDEAAV"), reduced("0015g00000AbCdE"));
        assert_eq!(check("0015g00000abcdeaa5"), reduced("0015g00000ABCDE"));
    }

    #[test]
    fn a_wrong_suffix_is_reported_with_the_one_expected() {
        assert_eq!(
            check("0015g00000AbCdEAAQ"),
            SalesforceId::BadSuffix {
                expected: Some("AAV".into())
            }
        );
        // A folded copy whose suffix marks a digit as a capital.
        assert_eq!(
            check("0015g00000abcde5aa"),
            SalesforceId::BadSuffix { expected: None }
        );
    }

    #[test]
    fn values_of_other_shapes_are_left_alone() {
        for value in [
            "0015g00000AbCdE",
            "OPP-001",
            "12345",
            "123456789012345000",
            "0015g00000AbCdE678",
            "Acme Industries Ltd",
            "ABCDEFGHIJKLMNOPQR",
            "0015g00000AbCdEAA",
            "0015g00000AbCdEAAVX",
            "0015g00000AbCdé",
        ] {
            assert_eq!(check(value), SalesforceId::Other, "{value:?}");
        }
    }
}
