//! The settings saved per import source (a CRM report's set of headers).

use chrono::Utc;

use crate::{Result, Store};

impl Store {
    /// The settings saved for a source, as JSON written by the caller.
    pub async fn saved_source(&self, signature: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT settings FROM import_sources WHERE signature = ?")
                .bind(signature)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}

/// Saves a source's settings inside the import's transaction, so they land with the import.
pub(crate) async fn save_source(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    signature: &str,
    settings: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO import_sources (signature, settings, saved_at) VALUES (?, ?, ?) \
         ON CONFLICT (signature) DO UPDATE SET settings = excluded.settings, \
         saved_at = excluded.saved_at",
    )
    .bind(signature)
    .bind(settings)
    .bind(Utc::now().to_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
