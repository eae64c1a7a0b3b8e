//! Number formatting and axis ticks. Labels on a slide must be short, so values
//! are written compactly (`1.2k`, `$1.25M`, `45%`) with about three significant
//! digits, and axes are cut on round steps (1, 2 or 5 times a power of ten) so
//! that every gridline gets a clean label.

/// How values on a bar chart's value axis and bar ends are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueFormat {
    /// A plain count or score: `850`, `1.2k`, `3.4M`.
    #[default]
    Number,
    /// US dollars: `$850`, `$1.2k`, `$1.25M`.
    Money,
    /// A fraction shown as a percentage: `0.45` is written `45%`.
    Percent,
}

impl ValueFormat {
    /// Writes `value` compactly in this format; non-finite values are written
    /// as a dash.
    pub fn format(self, value: f64) -> String {
        if !value.is_finite() {
            return "–".to_owned();
        }
        let value = if value.abs() < 1e-9 { 0.0 } else { value };
        let sign = if value < 0.0 { "−" } else { "" };
        match self {
            Self::Number => format!("{sign}{}", compact(value.abs())),
            Self::Money => format!("{sign}${}", compact(value.abs())),
            Self::Percent => {
                format!("{sign}{}%", trimmed(value.abs() * 100.0, 1))
            }
        }
    }
}

/// Writes a non-negative number with a k/M/B suffix and about three significant
/// digits.
fn compact(value: f64) -> String {
    let (scaled, suffix) = match value {
        v if v >= 1e9 => (v / 1e9, "B"),
        v if v >= 1e6 => (v / 1e6, "M"),
        v if v >= 1e3 => (v / 1e3, "k"),
        v => (v, ""),
    };
    let decimals = match scaled {
        s if s >= 100.0 => 0,
        s if s >= 10.0 => 1,
        _ => 2,
    };
    format!("{}{suffix}", trimmed(scaled, decimals))
}

/// Formats with at most `decimals` decimals, dropping trailing zeros (`1.50`
/// becomes `1.5`).
fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// An axis cut on round numbers: the range it covers and the values that get a
/// gridline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ticks {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) values: Vec<f64>,
}

impl Ticks {
    /// Covers `low..=high`, widened to include zero as bars grow from zero,
    /// with about `target` intervals; of the nearby interval counts, the one
    /// wasting the least room wins. `integer` keeps steps whole, for counts.
    pub(crate) fn covering(low: f64, high: f64, target: usize, integer: bool) -> Self {
        let low = if low.is_finite() { low.min(0.0) } else { 0.0 };
        let high = if high.is_finite() { high.max(0.0) } else { 0.0 };
        if high - low < 1e-12 {
            return Self {
                low: 0.0,
                high: 1.0,
                values: vec![0.0, 1.0],
            };
        }

        let target = target.max(2);
        let candidates = (target - 1..=target + 2).map(|count| {
            let step = nice_step((high - low) / count as f64, integer);
            let first = (low / step + 1e-9).floor() as i64;
            let last = ((high / step - 1e-9).ceil() as i64).max(first + 1);
            (step, first, last)
        });
        // The least wasted room wins; on a tie, the count of intervals nearest
        // the target.
        let key = |(step, first, last): &(f64, i64, i64)| {
            let intervals = (last - first) as f64;
            (intervals * step, (intervals - target as f64).abs())
        };
        let best = candidates.min_by(|a, b| {
            let (a, b) = (key(a), key(b));
            a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1))
        });
        let (step, first, last) = best.unwrap_or((1.0, 0, 1));

        let values = (first..=last).map(|i| i as f64 * step).collect();
        Self {
            low: first as f64 * step,
            high: last as f64 * step,
            values,
        }
    }
}

/// The smallest round step at least `raw`: 1, 2, 2.5 or 5 times a power of ten,
/// skipping 2.5 and anything below 1 for whole numbers.
fn nice_step(raw: f64, integer: bool) -> f64 {
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let fraction = raw / magnitude;
    let steps: &[f64] = if integer {
        &[1.0, 2.0, 5.0, 10.0]
    } else {
        &[1.0, 2.0, 2.5, 5.0, 10.0]
    };
    let nice = steps
        .iter()
        .find(|n| fraction <= **n + 1e-9)
        .copied()
        .unwrap_or(10.0);
    let step = nice * magnitude;
    if integer {
        step.max(1.0).round()
    } else {
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_written_compactly() {
        assert_eq!(ValueFormat::Number.format(1234.0), "1.23k");
        assert_eq!(ValueFormat::Number.format(0.5), "0.5");
        assert_eq!(ValueFormat::Money.format(1_250_000.0), "$1.25M");
        assert_eq!(ValueFormat::Money.format(-850.0), "−$850");
        assert_eq!(ValueFormat::Percent.format(0.45), "45%");
        assert_eq!(ValueFormat::Percent.format(0.125), "12.5%");
        assert_eq!(ValueFormat::Number.format(f64::NAN), "–");
    }

    #[test]
    fn ticks_land_on_round_numbers_and_cover_the_data() {
        let ticks = Ticks::covering(0.0, 1_130_000.0, 5, false);
        assert_eq!(ticks.low, 0.0);
        assert!(ticks.high >= 1_130_000.0);
        assert!(ticks.values.len() <= 7);
        let step = ticks.values[1] - ticks.values[0];
        let leading = step / 10f64.powf(step.log10().floor());
        assert!([1.0, 2.0, 2.5, 5.0]
            .iter()
            .any(|n| (leading - n).abs() < 1e-9));
        assert!(ticks.values.iter().all(|v| (v / step).fract().abs() < 1e-9));
    }

    #[test]
    fn ticks_include_negative_values_and_zero() {
        let ticks = Ticks::covering(-30.0, 70.0, 5, false);
        assert!(ticks.low <= -30.0 && ticks.high >= 70.0);
        assert!(ticks.values.contains(&0.0));
    }

    #[test]
    fn an_empty_range_still_gets_an_axis() {
        let ticks = Ticks::covering(0.0, 0.0, 5, false);
        assert_eq!(ticks.values, vec![0.0, 1.0]);
    }

    #[test]
    fn count_axes_step_by_whole_round_numbers() {
        let ticks = Ticks::covering(0.0, 10.8, 5, true);
        assert!(ticks.values.iter().all(|v| v.fract() == 0.0));
        assert!(ticks
            .values
            .windows(2)
            .all(|w| [1.0, 2.0, 5.0].contains(&(w[1] - w[0]))));
    }
}
