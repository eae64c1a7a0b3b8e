//! The director's planning settings: the balance band, the pool threshold, what a move costs,
//! which account attribute reps cover and how strictly, and the capacity of reps the reps
//! sheet gives none.
//!
//! They are stored as one JSON workspace setting and read by every plan (the re-plan, the
//! strategy comparison and the board's band figures), so that what the director saved is what
//! every figure is measured against. This module also turns the chosen segment attribute into
//! the segments the engine matches accounts and reps on.

use std::collections::{BTreeMap, HashMap};

use terrain_core::assign::AssignSettings;
use terrain_store::{AccountFacts, RepRow};

use crate::error::{Error, Result};
use crate::planning::custom_as_text;
use crate::views::{PlanningForm, PlanningSettings, SegmentBy};
use crate::Workspace;

const PLANNING_SETTINGS: &str = "planning_settings";

/// The largest capacity a director may type; a book beyond it is a typo, not a plan.
const MAX_CAPACITY: i64 = 1_000_000;

impl Default for PlanningSettings {
    /// The engine's own defaults, with accounts segmented by region.
    fn default() -> Self {
        let engine = AssignSettings::default();
        PlanningSettings {
            band: engine.band,
            enforce_band: engine.enforce_band,
            pool_below: engine.pool_below,
            move_cost: engine.move_cost,
            open_deal_cost: engine.open_deal_cost,
            recent_contact_cost: engine.recent_contact_cost,
            segment_by: SegmentBy::Region,
            segment_field: None,
            outside_segment_fit: engine.outside_segment_fit,
            default_capacity: None,
        }
    }
}

impl PlanningSettings {
    /// The engine's settings; the hysteresis stays the engine's own, which no director tunes.
    pub(crate) fn engine(&self) -> AssignSettings {
        AssignSettings {
            pool_below: self.pool_below,
            band: self.band,
            enforce_band: self.enforce_band,
            move_cost: self.move_cost,
            open_deal_cost: self.open_deal_cost,
            recent_contact_cost: self.recent_contact_cost,
            outside_segment_fit: self.outside_segment_fit,
            ..AssignSettings::default()
        }
    }

    /// The name of the segment attribute, as the reps sheet would head its column.
    fn segment_name(&self) -> &str {
        match self.segment_by {
            SegmentBy::Region => "region",
            SegmentBy::Country => "country",
            SegmentBy::State => "state",
            SegmentBy::Industry => "industry",
            SegmentBy::Custom => self.segment_field.as_deref().unwrap_or("").trim(),
        }
    }
}

/// Refuses settings no plan can be built from, naming the field and the allowed range.
/// `account_fields` are the custom columns a custom segment may name.
pub(crate) fn validate_planning(
    settings: &PlanningSettings,
    account_fields: &[String],
) -> Result<()> {
    let bad = |message: String| Err(Error::BadInput(message));
    if !(settings.band.is_finite() && (0.0..=1.0).contains(&settings.band)) {
        return bad(format!(
            "the balance band must be between 0% and 100%, not {}%",
            percent(settings.band)
        ));
    }
    if !(settings.pool_below.is_finite() && (0.0..=1.0).contains(&settings.pool_below)) {
        return bad(format!(
            "the pool threshold must be a readiness between 0 and 1 (0% to 100%), not {}",
            settings.pool_below
        ));
    }
    for (name, cost) in [
        ("the cost of a move", settings.move_cost),
        ("the extra cost of an open deal", settings.open_deal_cost),
        (
            "the extra cost of recent contact",
            settings.recent_contact_cost,
        ),
    ] {
        if !(cost.is_finite() && cost >= 0.0) {
            return bad(format!("{name} must be a number of at least 0, not {cost}"));
        }
    }
    if let Some(fit) = settings.outside_segment_fit {
        if !(fit.is_finite() && (0.0..=1.0).contains(&fit)) {
            return bad(format!(
                "the fit of a rep outside the account's segment must be between 0 and 1, \
                 not {fit}"
            ));
        }
    }
    if let Some(capacity) = settings.default_capacity {
        if !(0..=MAX_CAPACITY).contains(&capacity) {
            return bad(format!(
                "the default capacity must be a whole number of accounts from 0 to 1,000,000, \
                 not {capacity}"
            ));
        }
    }
    if settings.segment_by == SegmentBy::Custom {
        let field = settings.segment_name();
        if field.is_empty() {
            return bad("choose the custom column that holds each account's segment".into());
        }
        if !account_fields.iter().any(|f| f == field) {
            let offered = if account_fields.is_empty() {
                "the accounts sheet has no custom columns".to_string()
            } else {
                format!("its custom columns are {}", account_fields.join(", "))
            };
            return bad(format!(
                "no account has a column named \"{field}\"; {offered}"
            ));
        }
    }
    Ok(())
}

/// `0.155` as `15.5`, for messages.
fn percent(fraction: f64) -> String {
    let value = (fraction * 1000.0).round() / 10.0;
    value.to_string()
}

/// The values a rep's column lists: "English; French" covers both.
fn split_values(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', ';', '|', '/'])
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Each account's segment and each rep's covered segments under the director's settings.
pub(crate) struct Segments {
    pub accounts: HashMap<i64, String>,
    /// Reps absent here cover every segment.
    pub reps: HashMap<i64, Vec<String>>,
}

impl Workspace {
    /// The director's planning settings; the engine's defaults until first saved.
    pub async fn planning_settings(&self) -> Result<PlanningSettings> {
        Ok(match self.store.setting(PLANNING_SETTINGS).await? {
            Some(json) => serde_json::from_str(&json).unwrap_or_default(),
            None => PlanningSettings::default(),
        })
    }

    /// The settings with what the dialog offers beside them: the defaults, the custom columns
    /// accounts and reps carry, and the capacity Terrain would choose.
    pub async fn planning_form(&self) -> Result<PlanningForm> {
        let settings = self.planning_settings().await?;
        // What Terrain would choose is shown even under an override, so the director can
        // compare the two.
        let computed_capacity = self
            .computed_capacity(&self.store.reps().await?, settings.pool_below)
            .await?;
        Ok(PlanningForm {
            settings,
            defaults: PlanningSettings::default(),
            account_fields: self.store.account_custom_fields().await?,
            rep_fields: self.store.rep_custom_fields().await?,
            computed_capacity,
        })
    }

    /// Saves planning settings after checking them. Nothing moves until the next re-plan, but
    /// the board's band and the comparison use them at once.
    #[tracing::instrument(skip(self, settings), err)]
    pub async fn save_planning_settings(&self, settings: &PlanningSettings) -> Result<()> {
        let mut settings = settings.clone();
        settings.segment_field = settings
            .segment_field
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty() && settings.segment_by == SegmentBy::Custom);
        validate_planning(&settings, &self.store.account_custom_fields().await?)?;
        let json = serde_json::to_string(&settings).map_err(|e| Error::BadInput(e.to_string()))?;
        self.store.set_setting(PLANNING_SETTINGS, &json).await?;
        tracing::info!(
            band = settings.band,
            pool_below = settings.pool_below,
            segment = settings.segment_name(),
            "planning settings saved"
        );
        Ok(())
    }

    /// Accounts' segments and reps' coverage for the chosen attribute. Region reads the reps'
    /// own region column; any other attribute reads the reps sheet's column of the same name,
    /// and a rep without one covers every segment. Values match whatever their letter case.
    pub(crate) async fn segments(
        &self,
        settings: &PlanningSettings,
        accounts: &[AccountFacts],
        reps: &[RepRow],
    ) -> Result<Segments> {
        let name = settings.segment_name().to_string();
        let accounts: HashMap<i64, String> = match settings.segment_by {
            SegmentBy::Region => pairs(accounts, |a| a.region.as_deref()),
            SegmentBy::Country => pairs(accounts, |a| a.country.as_deref()),
            SegmentBy::State => pairs(accounts, |a| a.state.as_deref()),
            SegmentBy::Industry => pairs(accounts, |a| a.industry.as_deref()),
            SegmentBy::Custom => self
                .store
                .account_custom()
                .await?
                .into_iter()
                .filter_map(|(id, json)| {
                    let value = custom_as_text(&json).remove(&name)?;
                    let value = value.trim();
                    (!value.is_empty()).then(|| (id, value.to_string()))
                })
                .collect(),
        };

        // Reps' values are spelled as the accounts spell them, so "english" covers "English".
        let spelling: HashMap<String, &str> = accounts
            .values()
            .map(|v| (v.to_lowercase(), v.as_str()))
            .collect();
        let canonical = |v: &str| {
            spelling
                .get(&v.to_lowercase())
                .map_or_else(|| v.to_string(), |s| (*s).to_string())
        };
        let reps: HashMap<i64, Vec<String>> = if settings.segment_by == SegmentBy::Region {
            reps.iter()
                .filter_map(|r| {
                    let region = r.region.as_deref()?.trim();
                    (!region.is_empty()).then(|| (r.id, vec![canonical(region)]))
                })
                .collect()
        } else {
            let wanted = name.to_lowercase();
            self.store
                .rep_custom()
                .await?
                .into_iter()
                .filter_map(|(id, json)| {
                    let fields: BTreeMap<String, String> = custom_as_text(&json);
                    let text = fields
                        .iter()
                        .find(|(key, _)| key.trim().to_lowercase() == wanted)
                        .map(|(_, v)| v.clone())?;
                    let values: Vec<String> = split_values(&text).map(&canonical).collect();
                    (!values.is_empty()).then_some((id, values))
                })
                .collect()
        };
        Ok(Segments { accounts, reps })
    }
}

fn pairs(
    accounts: &[AccountFacts],
    value: impl Fn(&AccountFacts) -> Option<&str>,
) -> HashMap<i64, String> {
    accounts
        .iter()
        .filter_map(|a| {
            let v = value(a)?.trim();
            (!v.is_empty()).then(|| (a.id, v.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_are_the_engines_defaults_by_region() {
        let settings = PlanningSettings::default();
        assert_eq!(settings.engine(), AssignSettings::default());
        assert_eq!(settings.segment_by, SegmentBy::Region);
        assert!(validate_planning(&settings, &[]).is_ok());
    }

    #[test]
    fn a_band_over_100_percent_is_refused_with_its_value() {
        let settings = PlanningSettings {
            band: 1.5,
            ..PlanningSettings::default()
        };
        let message = validate_planning(&settings, &[])
            .expect_err("a band of 150% is refused")
            .to_string();
        assert!(
            message.contains("between 0% and 100%, not 150%"),
            "{message}"
        );
    }

    #[test]
    fn a_custom_segment_must_name_a_column_the_accounts_carry() {
        let settings = PlanningSettings {
            segment_by: SegmentBy::Custom,
            segment_field: Some("Langauge".into()),
            ..PlanningSettings::default()
        };
        let message = validate_planning(&settings, &["Language".into()])
            .expect_err("a misspelt segment column is refused")
            .to_string();
        assert!(message.contains("\"Langauge\""), "{message}");
        assert!(message.contains("Language"), "{message}");
    }

    #[test]
    fn a_reps_list_of_values_splits_on_commas_and_semicolons() {
        let values: Vec<&str> = split_values("English; French , |Spanish").collect();
        assert_eq!(values, ["English", "French", "Spanish"]);
    }
}
