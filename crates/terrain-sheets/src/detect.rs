//! Header matching: which kind of sheet a file is and which column feeds which field.
//!
//! Headers are compared in a normalised form (case, `_ - / . :` and spacing ignored) against
//! synonyms from Maven, Salesforce, HubSpot and Dynamics exports. Each kind is scored by the
//! fields it recognises, after `--map` overrides are applied; the kind must be unambiguous,
//! because importing deals as accounts would quietly corrupt a workspace.

use std::collections::BTreeMap;

use crate::{Error, ReadOptions, Result, SheetKind};

/// A field of a kind and the normalised headers that mean it.
struct FieldSpec {
    name: &'static str,
    synonyms: &'static [&'static str],
}

const fn field(name: &'static str, synonyms: &'static [&'static str]) -> FieldSpec {
    FieldSpec { name, synonyms }
}

const ACCOUNT_NAMES: &[&str] = &[
    "account",
    "account name",
    "company",
    "company name",
    "organization",
    "organisation",
    "organization name",
    "organisation name",
    "customer name",
];

const ACCOUNTS: &[FieldSpec] = &[
    field(
        "id",
        &[
            "account id",
            "accountid",
            "record id",
            "company id",
            "prospect id",
        ],
    ),
    field("name", ACCOUNT_NAMES),
    field(
        "owner",
        &[
            "account owner",
            "company owner",
            "owner",
            "owner name",
            "account owner name",
        ],
    ),
    field("industry", &["industry", "sector", "vertical"]),
    field(
        "employees",
        &[
            "employees",
            "number of employees",
            "numberofemployees",
            "employee count",
            "headcount",
        ],
    ),
    field("revenue", &["revenue", "annual revenue", "annualrevenue"]),
    field(
        "country",
        &[
            "office location",
            "country",
            "billing country",
            "billingcountry",
            "country region",
            "address 1 country region",
        ],
    ),
    field(
        "state",
        &[
            "billing state province",
            "state",
            "state region",
            "billing state",
            "state province",
            "billingstate",
            "address 1 state province",
        ],
    ),
    field("region", &["region", "sales region", "territory"]),
    field("outcome", &["outcome"]),
    field(
        "website",
        &[
            "website",
            "web site",
            "website url",
            "web address",
            "domain",
            "company domain",
            "company domain name",
        ],
    ),
];

/// Rep names; bare `name` only counts when other rep columns vouch for it (see `resolve`).
const REP_NAMES: &[&str] = &[
    "sales agent",
    "rep name",
    "rep",
    "sales rep",
    "account executive",
    "sales representative",
];

const REPS: &[FieldSpec] = &[
    field("name", REP_NAMES),
    field("team", &["manager", "team", "sales team"]),
    field("region", &["regional office", "region", "office"]),
    field("capacity", &["capacity", "max accounts"]),
    field(
        "crm_user_id",
        &[
            "crm user id",
            "user id",
            "userid",
            "owner id",
            "ownerid",
            "salesforce user id",
            "hubspot owner id",
            "hubspot user id",
        ],
    ),
];

const OPPORTUNITY_IDS: &[&str] = &[
    "opportunity id",
    "opportunityid",
    "deal id",
    "record id",
    "opportunity number",
    "deal",
];
const STAGES: &[&str] = &[
    "deal stage",
    "stage",
    "stage name",
    "stagename",
    "sales stage",
];

const OPPORTUNITIES: &[FieldSpec] = &[
    field("id", OPPORTUNITY_IDS),
    field(
        "account",
        &[
            "account",
            "account name",
            "account id",
            "company",
            "company name",
            "associated company",
        ],
    ),
    field(
        "owner",
        &[
            "sales agent",
            "opportunity owner",
            "deal owner",
            "owner",
            "owner name",
        ],
    ),
    field("stage", STAGES),
    field(
        "amount",
        &[
            "close value",
            "amount",
            "deal amount",
            "value",
            "est revenue",
        ],
    ),
    field(
        "created",
        &[
            "engage date",
            "created date",
            "create date",
            "createddate",
            "created on",
        ],
    ),
    field(
        "closed",
        &[
            "close date",
            "closed date",
            "closedate",
            "actual close date",
        ],
    ),
    field("product", &["product", "product name"]),
];

const SIGNALS: &[FieldSpec] = &[
    field(
        "account",
        &[
            "account",
            "account name",
            "account id",
            "company",
            "company name",
        ],
    ),
    field(
        "date",
        &[
            "activity date",
            "date",
            "timestamp",
            "event date",
            "occurred at",
        ],
    ),
    field(
        "kind",
        &[
            "activity type",
            "type",
            "kind",
            "event",
            "event type",
            "activity",
        ],
    ),
    field("topic", &["topic", "intent topic"]),
    field("strength", &["score", "strength", "intent score"]),
];

const PRODUCTS: &[FieldSpec] = &[
    field("product", &["product", "product name"]),
    field("series", &["series", "product family", "family"]),
    field(
        "price",
        &["sales price", "price", "list price", "unit price"],
    ),
];

fn specs(kind: SheetKind) -> &'static [FieldSpec] {
    match kind {
        SheetKind::Accounts => ACCOUNTS,
        SheetKind::Reps => REPS,
        SheetKind::Opportunities => OPPORTUNITIES,
        SheetKind::Signals => SIGNALS,
        SheetKind::Products => PRODUCTS,
    }
}

/// The field names `--map` accepts for a kind, for error messages and callers' help texts.
pub fn field_names(kind: SheetKind) -> Vec<&'static str> {
    specs(kind).iter().map(|f| f.name).collect()
}

/// Normalises a header for matching: `sales_agent`, `Sales Agent` and ` SALES-AGENT` agree.
pub(crate) fn normalise(header: &str) -> String {
    let spaced: String = header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '/' | '.' | ':') || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The outcome of mapping: the kind and the column index of every mapped field.
#[derive(Debug, Clone)]
pub(crate) struct Mapping {
    pub(crate) kind: SheetKind,
    pub(crate) columns: BTreeMap<&'static str, usize>,
    /// Fields the user mapped by hand, which count as deliberate evidence.
    pub(crate) by_hand: Vec<&'static str>,
}

impl Mapping {
    pub(crate) fn column(&self, field: &str) -> Option<usize> {
        self.columns.get(field).copied()
    }

    fn has(&self, field: &str) -> bool {
        self.columns.contains_key(field)
    }
}

/// Settles the kind and the column of each field, or refuses the file with the reason.
pub(crate) fn resolve(file: &str, headers: &[String], options: &ReadOptions) -> Result<Mapping> {
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();

    if let Some(kind) = options.kind {
        let mapping = map_kind(file, kind, headers, &normalised, options)?;
        check_required(file, &mapping)?;
        return Ok(mapping);
    }

    // Without a kind, a map field is only an error when no kind has it at all.
    let mut candidates = Vec::new();
    let mut first_error = None;
    for kind in SheetKind::ALL {
        match map_kind(file, kind, headers, &normalised, options) {
            Ok(mapping) => candidates.push(mapping),
            Err(e @ Error::MissingHeader { .. }) => return Err(e),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    if candidates.is_empty() {
        if let Some(Error::UnknownField { file, field, .. }) = first_error {
            let valid = SheetKind::ALL
                .iter()
                .map(|k| format!("{k}: {}", field_names(*k).join(", ")))
                .collect::<Vec<_>>()
                .join("; ");
            return Err(Error::UnknownField {
                file,
                field,
                kind: "any kind".to_string(),
                valid,
            });
        }
    }

    let fitting: Vec<Mapping> = candidates
        .into_iter()
        .filter(|m| fits(m, &normalised))
        .collect();
    let best = fitting.iter().map(|m| m.columns.len()).max();
    let top: Vec<&Mapping> = fitting
        .iter()
        .filter(|m| Some(m.columns.len()) == best)
        .collect();
    match top.as_slice() {
        [one] => {
            check_required(file, one)?;
            Ok((*one).clone())
        }
        [] => Err(Error::NoKind {
            file: file.to_string(),
            headers: short_list(headers),
        }),
        many => Err(Error::AmbiguousKind {
            file: file.to_string(),
            kinds: many
                .iter()
                .map(|m| m.kind.as_str())
                .collect::<Vec<_>>()
                .join(" and "),
        }),
    }
}

fn map_kind(
    file: &str,
    kind: SheetKind,
    headers: &[String],
    normalised: &[String],
    options: &ReadOptions,
) -> Result<Mapping> {
    let specs = specs(kind);
    let mut mapping = Mapping {
        kind,
        columns: BTreeMap::new(),
        by_hand: Vec::new(),
    };

    for (field, header) in &options.map {
        let wanted = field.trim().to_lowercase();
        let spec = specs
            .iter()
            .find(|s| s.name == wanted)
            .ok_or_else(|| Error::UnknownField {
                file: file.to_string(),
                field: field.clone(),
                kind: kind.as_str().to_string(),
                valid: field_names(kind).join(", "),
            })?;
        let column = headers
            .iter()
            .position(|h| h == header.trim())
            .or_else(|| normalised.iter().position(|h| *h == normalise(header)))
            .ok_or_else(|| Error::MissingHeader {
                file: file.to_string(),
                field: field.clone(),
                header: header.clone(),
                headers: short_list(headers),
            })?;
        mapping.columns.insert(spec.name, column);
        mapping.by_hand.push(spec.name);
    }

    // Columns the user keeps as custom fields take no part in automatic mapping.
    let kept: Vec<usize> = options
        .unmapped
        .iter()
        .filter_map(|h| {
            headers
                .iter()
                .position(|x| x == h.trim())
                .or_else(|| normalised.iter().position(|x| *x == normalise(h)))
        })
        .collect();
    for spec in specs {
        if mapping.has(spec.name) {
            continue;
        }
        let mut used: Vec<usize> = mapping.columns.values().copied().collect();
        used.extend(&kept);
        let found = normalised
            .iter()
            .enumerate()
            .find(|(i, h)| !used.contains(i) && spec.synonyms.contains(&h.as_str()));
        if let Some((i, _)) = found {
            mapping.columns.insert(spec.name, i);
        }
    }

    // A bare "Name" column is a rep's name only when the sheet is evidently about reps.
    if kind == SheetKind::Reps && !mapping.has("name") && !mapping.columns.is_empty() {
        let mut used: Vec<usize> = mapping.columns.values().copied().collect();
        used.extend(&kept);
        if let Some(i) = normalised
            .iter()
            .enumerate()
            .position(|(i, h)| !used.contains(&i) && (h == "name" || h == "full name"))
        {
            mapping.columns.insert("name", i);
        }
    }
    Ok(mapping)
}

/// Whether a kind's characteristic columns are present, for detection.
fn fits(mapping: &Mapping, normalised: &[String]) -> bool {
    match mapping.kind {
        SheetKind::Accounts => {
            mapping.has("name") || (mapping.has("id") && mapping.by_hand.contains(&"id"))
        }
        SheetKind::Reps => {
            let foreign = normalised.iter().any(|h| {
                ACCOUNT_NAMES.contains(&h.as_str())
                    || OPPORTUNITY_IDS.contains(&h.as_str())
                    || STAGES.contains(&h.as_str())
            });
            mapping.has("name") && !foreign
        }
        SheetKind::Opportunities => mapping.has("id") && mapping.has("stage"),
        SheetKind::Signals => mapping.has("date") && mapping.has("kind"),
        SheetKind::Products => mapping.has("product") && mapping.has("price"),
    }
}

/// When the user named the kind, only the columns without which no record can be built are
/// demanded; an accounts sheet can key its accounts by id alone.
fn check_required(file: &str, mapping: &Mapping) -> Result<()> {
    let required: &[&'static str] = match mapping.kind {
        SheetKind::Accounts if mapping.has("id") => &[],
        SheetKind::Accounts => &["name"],
        SheetKind::Reps => &["name"],
        SheetKind::Opportunities => &["id", "stage"],
        SheetKind::Signals => &["account", "date", "kind"],
        SheetKind::Products => &["product"],
    };
    match required.iter().find(|f| !mapping.has(f)) {
        Some(field) => Err(Error::MissingField {
            file: file.to_string(),
            kind: mapping.kind,
            field,
        }),
        None => Ok(()),
    }
}

fn short_list(headers: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut list = headers
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if headers.len() > SHOWN {
        list.push_str(&format!(", ... {} more", headers.len() - SHOWN));
    }
    list
}
