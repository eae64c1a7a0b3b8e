//! Fixtures shared by the use-case tests: the real Maven CRM files beside the repository.

use std::path::PathBuf;

use terrain::views::ImportInput;

/// A file of the Maven CRM sample.
pub fn maven(file: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/maven-crm-sales-opportunities")
        .join(file)
        .display()
        .to_string()
}

/// The four Maven sheets: reps, accounts, the product catalogue and the pipeline.
pub fn maven_files() -> ImportInput {
    ImportInput {
        paths: [
            "sales_teams.csv",
            "accounts.csv",
            "products.csv",
            "sales_pipeline.csv",
        ]
        .iter()
        .map(|f| maven(f))
        .collect(),
        kind: None,
        map: Vec::new(),
    }
}
