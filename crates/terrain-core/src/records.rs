//! Records as they arrive from spreadsheets, before the store gives them ids.
//!
//! `terrain-sheets` produces these from CSV and XLSX rows; `terrain-store` loads them. Every
//! optional field is `None` when the cell was empty or held a placeholder: a missing value is
//! never turned into zero.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A value in a column that maps to no known field. Kept with its type so later steps (the
/// model, filters, exports) can use it as a number, a date or a category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CustomValue {
    Number(f64),
    Bool(bool),
    Text(String),
}

/// Custom fields of one record, keyed by the header as written in the sheet.
pub type CustomFields = BTreeMap<String, CustomValue>;

/// One account executive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RepRecord {
    pub name: String,
    /// The team, or for Maven-style sheets the manager.
    pub team: Option<String>,
    pub region: Option<String>,
    /// How many active accounts the rep can carry; `None` means the workspace default.
    pub capacity: Option<u32>,
    /// The rep's user id in the CRM (a Salesforce user id, a HubSpot owner id), which owner
    /// updates sent back to the CRM need; `None` when the sheet does not say.
    pub crm_user_id: Option<String>,
    pub custom: CustomFields,
}

/// One account: a company that may buy.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AccountRecord {
    /// The CRM id when the sheet has one, otherwise the account name. Compared byte for byte:
    /// Salesforce ids differ only by letter case.
    pub key: String,
    pub name: String,
    /// The owner according to the CRM sheet, a rep name.
    pub owner: Option<String>,
    pub industry: Option<String>,
    pub employees: Option<f64>,
    /// Annual revenue, in the sheet's own unit.
    pub revenue: Option<f64>,
    pub country: Option<String>,
    pub state: Option<String>,
    pub region: Option<String>,
    /// A historical outcome carried on the account row itself (lead-scoring sheets).
    pub outcome: Option<bool>,
    /// The company's website or domain as written, which tells duplicates apart.
    pub website: Option<String>,
    pub custom: CustomFields,
}

/// Whether an opportunity was won, lost or is still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Won,
    Lost,
    Open,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Won => "won",
            Outcome::Lost => "lost",
            Outcome::Open => "open",
        }
    }

    pub fn parse(text: &str) -> Option<Outcome> {
        match text {
            "won" => Some(Outcome::Won),
            "lost" => Some(Outcome::Lost),
            "open" => Some(Outcome::Open),
            _ => None,
        }
    }
}

/// One deal on an account.
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunityRecord {
    pub key: String,
    /// The account key or name as written in the sheet; `None` when the cell was blank.
    pub account: Option<String>,
    /// The owning rep's name.
    pub owner: Option<String>,
    pub product: Option<String>,
    /// The stage as written in the sheet (`Won`, `Closed Lost`, `Engaging`...).
    pub stage: String,
    pub outcome: Outcome,
    pub amount: Option<f64>,
    pub created: Option<NaiveDate>,
    pub closed: Option<NaiveDate>,
    pub custom: CustomFields,
}

/// One dated activity event on an account.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRecord {
    /// The account key or name as written in the sheet.
    pub account: String,
    pub date: NaiveDate,
    /// Normalised kind: `email_open`, `email_click`, `web_visit`, `meeting`, `form_fill`,
    /// `intent`, or the sheet's own word (lowercased, spaces as underscores) when unknown.
    pub kind: String,
    pub topic: Option<String>,
    /// An optional strength, such as a third-party intent score from 0 to 100.
    pub strength: Option<f64>,
}

/// One product of a catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductRecord {
    pub name: String,
    pub series: Option<String>,
    pub price: Option<f64>,
}
