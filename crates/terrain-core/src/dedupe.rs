//! Which accounts look like one company written in different ways.
//!
//! CRM exports hold the same company more than once: `Acme Corporation`, `ACME Corporation `
//! and `Acme Corp.` are three rows, and keyed by their text they would be three accounts,
//! scored and assigned three times. Two accounts look alike when their names agree once case,
//! spacing, punctuation and legal suffixes are set aside and their websites do not disagree, or
//! when their websites name the same domain. This module only says which accounts look alike
//! and why; the store keeps the groups as proposals and the director merges or keeps apart each
//! one, so nothing is merged unseen.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Words that say what legal form a company has, not which company it is; dropped from the end
/// of a name before comparing.
pub const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "llp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sarl",
    "bv",
    "nv",
    "srl",
    "spa",
    "pty",
];

/// Domains that host many companies' pages or mailboxes: two accounts pointing at one of them
/// are not shown to be the same company.
const SHARED_HOSTS: &[&str] = &[
    "aol.com",
    "facebook.com",
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "icloud.com",
    "linkedin.com",
    "live.com",
    "outlook.com",
    "yahoo.com",
];

/// A name or website shared by more accounts than this is a placeholder or a chain of
/// branches, not one company written several ways, and is not compared pair by pair.
const MOST_ALIKE: usize = 50;

/// A company name reduced to what tells companies apart: lower case, punctuation and runs of
/// spaces gone, and legal suffixes dropped from the end (`ACME Corp.` and `Acme Corporation`
/// both become `acme`). A name that is nothing but a legal form keeps its last word.
pub fn normalise_name(name: &str) -> String {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        // Dots and apostrophes join what they separate: `S.A.R.L.` is `sarl`, `O'Neil` `oneil`.
        if matches!(c, '.' | '\'' | '\u{2019}') {
            continue;
        }
        cleaned.push(if c.is_alphanumeric() { c } else { ' ' });
    }
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL_SUFFIXES.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// The domain a website or domain cell names: no scheme, `www.`, port, path, query or trailing
/// dot, in lower case (`https://www.Acme.example/about` is `acme.example`). `None` when the
/// cell names no domain.
pub fn normalise_domain(website: &str) -> Option<String> {
    let lowered = website.trim().to_lowercase();
    let rest = lowered
        .split_once("://")
        .map_or(lowered.as_str(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    // A mailbox names its domain after the `@`.
    let host = host.rsplit_once('@').map_or(host, |(_, domain)| domain);
    let host = host.split(':').next().unwrap_or_default();
    let host = host.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.contains('.')
        && !host.starts_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_string())
}

/// An account as the comparison sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub id: i64,
    pub name: &'a str,
    /// The website or domain cell as imported.
    pub website: Option<&'a str>,
}

/// Accounts that look like one company, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Account ids, ascending.
    pub members: Vec<i64>,
    /// What they have in common, in words for the director.
    pub reason: String,
}

/// The groups of accounts that look like one company, in order of their first member.
///
/// `kept_apart` holds pairs `(a, b)` with `a < b` that the director said are different
/// companies: they never end up in one group. Nor do two accounts whose websites name
/// different domains, even when each looks like a third account with no website.
pub fn groups(candidates: &[Candidate<'_>], kept_apart: &HashSet<(i64, i64)>) -> Vec<Group> {
    let names: Vec<String> = candidates.iter().map(|c| normalise_name(c.name)).collect();
    let domains: Vec<Option<String>> = candidates
        .iter()
        .map(|c| {
            c.website
                .and_then(normalise_domain)
                .filter(|d| !SHARED_HOSTS.contains(&d.as_str()))
        })
        .collect();
    let conflict =
        |a: usize, b: usize| matches!((&domains[a], &domains[b]), (Some(x), Some(y)) if x != y);
    let apart = |a: usize, b: usize| {
        let (x, y) = (candidates[a].id, candidates[b].id);
        kept_apart.contains(&(x.min(y), x.max(y)))
    };

    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_domain: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in 0..candidates.len() {
        if !names[i].is_empty() {
            by_name.entry(names[i].as_str()).or_default().push(i);
        }
        if let Some(domain) = &domains[i] {
            by_domain.entry(domain.as_str()).or_default().push(i);
        }
    }
    let mut edges: HashSet<(usize, usize)> = HashSet::new();
    for bucket in by_name.values().chain(by_domain.values()) {
        if bucket.len() < 2 || bucket.len() > MOST_ALIKE {
            continue;
        }
        for (n, &a) in bucket.iter().enumerate() {
            for &b in &bucket[n + 1..] {
                if !conflict(a, b) && !apart(a, b) {
                    edges.insert((a.min(b), a.max(b)));
                }
            }
        }
    }

    // Connected accounts form a component; within it, each account joins the first group it
    // is linked to and has no conflict with, so a kept-apart pair or two websites never meet
    // through a third account.
    let mut root: Vec<usize> = (0..candidates.len()).collect();
    fn find(root: &mut [usize], i: usize) -> usize {
        let mut i = i;
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for &(a, b) in &edges {
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        if ra != rb {
            root[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..candidates.len() {
        let r = find(&mut root, i);
        components.entry(r).or_default().push(i);
    }

    let mut groups = Vec::new();
    for mut members in components.into_values().filter(|m| m.len() > 1) {
        members.sort_by_key(|&i| candidates[i].id);
        let mut parts: Vec<Vec<usize>> = Vec::new();
        for &m in &members {
            let home = parts.iter_mut().find(|part| {
                part.iter().any(|&n| edges.contains(&(m.min(n), m.max(n))))
                    && part.iter().all(|&n| !conflict(m, n) && !apart(m, n))
            });
            match home {
                Some(part) => part.push(m),
                None => parts.push(vec![m]),
            }
        }
        for part in parts.into_iter().filter(|p| p.len() > 1) {
            groups.push(Group {
                members: part.iter().map(|&i| candidates[i].id).collect(),
                reason: reason(&part, &names, &domains),
            });
        }
    }
    groups.sort_by_key(|g| g.members.first().copied());
    groups
}

/// What a group's members have in common.
fn reason(part: &[usize], names: &[String], domains: &[Option<String>]) -> String {
    let first_name = &names[part[0]];
    let same_name = !first_name.is_empty() && part.iter().all(|&i| &names[i] == first_name);
    let given: Vec<&str> = part.iter().filter_map(|&i| domains[i].as_deref()).collect();
    let domain = given.first().copied();
    let same_domain = domain.is_some() && given.len() == part.len();
    match (same_name, domain) {
        (true, Some(domain)) if same_domain => format!(
            "the same name once case, spacing, punctuation and legal suffixes are set aside \
             (\"{first_name}\"), and the same website ({domain})"
        ),
        (true, Some(domain)) => format!(
            "the same name once case, spacing, punctuation and legal suffixes are set aside \
             (\"{first_name}\"); the website, where given, is {domain}"
        ),
        (true, None) => format!(
            "the same name once case, spacing, punctuation and legal suffixes are set aside \
             (\"{first_name}\")"
        ),
        (false, Some(domain)) if same_domain => format!("the same website ({domain})"),
        (false, Some(domain)) => format!(
            "names alike once case, spacing, punctuation and legal suffixes are set aside, and \
             the website {domain}"
        ),
        (false, None) => {
            "names alike once case, spacing, punctuation and legal suffixes are set aside"
                .to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64, name: &'static str, website: Option<&'static str>) -> Candidate<'static> {
        Candidate { id, name, website }
    }

    #[test]
    fn names_agree_once_case_spacing_punctuation_and_legal_suffixes_are_set_aside() {
        for name in [
            "Acme Corporation",
            "ACME Corporation ",
            "Acme Corp.",
            "  acme   inc",
            "Acme, Inc.",
            "Acme Co. Ltd",
        ] {
            assert_eq!(normalise_name(name), "acme", "{name:?}");
        }
        assert_eq!(
            normalise_name("Acme Corporation Japan"),
            "acme corporation japan"
        );
        assert_eq!(normalise_name("Café Orléans S.A.R.L."), "café orléans");
        assert_eq!(normalise_name("Johnson & Johnson"), "johnson johnson");
        assert_eq!(normalise_name("Company"), "company");
        assert_eq!(normalise_name("  "), "");
    }

    #[test]
    fn a_domain_loses_its_scheme_www_path_port_and_trailing_dot() {
        for website in [
            "acme.example",
            "https://www.acme.example/",
            "http://ACME.example:8080/about?x=1",
            "www.acme.example.",
            "sales@acme.example",
        ] {
            assert_eq!(
                normalise_domain(website).as_deref(),
                Some("acme.example"),
                "{website:?}"
            );
        }
        assert_eq!(
            normalise_domain("acme.example.jp").as_deref(),
            Some("acme.example.jp")
        );
        for nothing in ["", "n/a", "acme", "http://", "not a site.com"] {
            assert_eq!(normalise_domain(nothing), None, "{nothing:?}");
        }
    }

    #[test]
    fn case_22_three_spellings_of_acme_are_one_group_and_acme_japan_stays_apart() {
        let accounts = [
            candidate(1, "Acme Corporation", Some("acme.example")),
            candidate(2, "ACME Corporation ", Some("https://www.acme.example/")),
            candidate(3, "Acme Corp.", Some("acme.example")),
            candidate(4, "Acme Corporation Japan", Some("acme.example.jp")),
        ];
        let found = groups(&accounts, &HashSet::new());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members, [1, 2, 3]);
        assert!(found[0].reason.contains("\"acme\""), "{}", found[0].reason);
        assert!(
            found[0].reason.contains("acme.example"),
            "{}",
            found[0].reason
        );
    }

    #[test]
    fn the_same_name_with_different_websites_is_two_companies() {
        let accounts = [
            candidate(1, "Acme Inc", Some("acme.com")),
            candidate(2, "Acme Inc", Some("acme.co.uk")),
        ];
        assert!(groups(&accounts, &HashSet::new()).is_empty());
    }

    #[test]
    fn an_account_without_a_website_never_joins_two_websites_into_one_group() {
        let accounts = [
            candidate(1, "Acme Inc", Some("acme.com")),
            candidate(2, "Acme", None),
            candidate(3, "ACME", Some("acme.co.uk")),
        ];
        let found = groups(&accounts, &HashSet::new());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members, [1, 2]);
    }

    #[test]
    fn the_same_website_under_different_names_is_one_group() {
        let accounts = [
            candidate(
                1,
                "International Business Machines",
                Some("https://ibm.example"),
            ),
            candidate(2, "IBM", Some("www.ibm.example")),
        ];
        let found = groups(&accounts, &HashSet::new());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reason, "the same website (ibm.example)");
    }

    #[test]
    fn a_shared_host_says_nothing_about_the_company() {
        let accounts = [
            candidate(
                1,
                "Alder Bakery",
                Some("https://www.linkedin.com/company/alder"),
            ),
            candidate(2, "Birch Dental", Some("linkedin.com/company/birch")),
        ];
        assert!(groups(&accounts, &HashSet::new()).is_empty());
    }

    #[test]
    fn accounts_kept_apart_are_not_grouped_again_but_a_newcomer_still_is() {
        let accounts = [
            candidate(1, "Acme Corporation", None),
            candidate(2, "ACME Corporation", None),
        ];
        let apart = HashSet::from([(1, 2)]);
        assert!(groups(&accounts, &apart).is_empty());

        let with_newcomer = [
            candidate(1, "Acme Corporation", None),
            candidate(2, "ACME Corporation", None),
            candidate(3, "Acme Corp.", None),
        ];
        let found = groups(&with_newcomer, &apart);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members, [1, 3]);
    }
}
