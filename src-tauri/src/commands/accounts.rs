//! The accounts grid.

use tauri::State;
use terrain::views::{AccountPage, AccountQuery, ErrorPayload};
use terrain::Workspace;

#[tauri::command]
#[tracing::instrument(skip(state), err(Debug))]
pub async fn list_accounts(
    state: State<'_, Workspace>,
    query: AccountQuery,
) -> Result<AccountPage, ErrorPayload> {
    state
        .accounts(&query)
        .await
        .map_err(|error| error.payload())
}
