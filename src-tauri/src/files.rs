//! The files the user chose in a dialog during this session.
//!
//! Import and export only touch a path the user picked in a file dialog, so a faulty or
//! hijacked page cannot make the app read or overwrite any other file on the machine.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use terrain::views::{ErrorCode, ErrorPayload};

#[derive(Default)]
pub struct PickedPaths(Mutex<HashSet<PathBuf>>);

impl PickedPaths {
    pub fn remember(&self, paths: impl IntoIterator<Item = PathBuf>) {
        self.lock().extend(paths);
    }

    /// Refuses a path the user has not picked in a dialog.
    pub fn check(&self, path: &str) -> Result<(), ErrorPayload> {
        if self.lock().contains(Path::new(path)) {
            Ok(())
        } else {
            Err(ErrorPayload {
                code: ErrorCode::BadInput,
                message: format!("{path} was not chosen in a file dialog; pick it again"),
            })
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashSet<PathBuf>> {
        // The set stays valid even if a thread panicked while holding the lock.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picked_path_is_allowed_and_any_other_is_refused() {
        let picked = PickedPaths::default();
        picked.remember([PathBuf::from("/data/accounts.csv")]);

        assert!(picked.check("/data/accounts.csv").is_ok());
        let Err(refused) = picked.check("/etc/passwd") else {
            panic!("a path never picked was allowed");
        };
        assert_eq!(refused.code, ErrorCode::BadInput);
        assert!(refused.message.contains("/etc/passwd"));
    }
}
