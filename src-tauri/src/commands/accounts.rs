//! The accounts grid.

use tauri::State;
use terrain::views::{AccountPage, AccountQuery, ErrorPayload};
use terrain::Workspace;

use crate::limits::Bounded;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn list_accounts(
    state: State<'_, Workspace>,
    query: AccountQuery,
) -> Result<AccountPage, ErrorPayload> {
    query.check("query")?;
    state
        .accounts(&query)
        .await
        .map_err(|error| error.payload())
}
