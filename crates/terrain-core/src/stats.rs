//! Small numeric helpers shared by scoring, assignment and metrics.

/// The logistic function.
pub fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The log-odds of a probability, kept finite at 0 and 1.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-6, 1.0 - 1e-6);
    (p / (1.0 - p)).ln()
}

/// The median, or `None` for no values. Sorts `values` in place.
pub fn median(values: &mut [f64]) -> Option<f64> {
    quantile(values, 0.5)
}

/// The `q` quantile with linear interpolation between closest ranks. Sorts in place.
pub fn quantile(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let position = q.clamp(0.0, 1.0) * (values.len() - 1) as f64;
    let low = position.floor() as usize;
    let high = position.ceil() as usize;
    let fraction = position - low as f64;
    Some(values[low] + (values[high] - values[low]) * fraction)
}

/// Coefficient of variation (population standard deviation over mean); 0 when the mean is 0.
pub fn coefficient_of_variation(values: &[f64]) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    if mean.abs() < f64::EPSILON {
        return 0.0;
    }
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    variance.sqrt() / mean
}

/// The Gini coefficient of non-negative values: 0 is perfect equality.
pub fn gini(values: &[f64]) -> f64 {
    let mut sorted: Vec<f64> = values.iter().map(|v| v.max(0.0)).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let total: f64 = sorted.iter().sum();
    if sorted.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, v)| (i as f64 + 1.0) * v)
        .sum();
    (2.0 * weighted) / (n * total) - (n + 1.0) / n
}

/// Largest over smallest; `None` when the smallest is not positive.
pub fn max_over_min(values: &[f64]) -> Option<f64> {
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    (min > 0.0 && max.is_finite()).then(|| max / min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_midpoint() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn gini_is_zero_for_equal_values_and_high_for_one_holder() {
        assert!(gini(&[5.0, 5.0, 5.0]).abs() < 1e-12);
        assert!((gini(&[0.0, 0.0, 0.0, 12.0]) - 0.75).abs() < 1e-12);
    }

    #[test]
    fn max_over_min_is_undefined_when_someone_holds_nothing() {
        assert_eq!(max_over_min(&[0.0, 3.0]), None);
        assert_eq!(max_over_min(&[2.0, 3.0]), Some(1.5));
    }

    #[test]
    fn coefficient_of_variation_of_a_zero_mean_is_zero_not_nan() {
        assert_eq!(coefficient_of_variation(&[0.0, 0.0]), 0.0);
    }
}
