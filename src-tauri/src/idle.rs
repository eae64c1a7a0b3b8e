//! The check run when the director is idle: `PRAGMA quick_check` on the workspace and the day's
//! backup, through `Workspace::idle_check`.
//!
//! Idle means no command from the page for a while: every command passes through the invoke
//! handler, which marks the time. The check runs once an idle spell has lasted
//! [`IDLE_AFTER`], not at start-up where it would delay the first screen, and at most every
//! [`RECHECK_AFTER_USE`] while the app is in use, or every [`RECHECK_WHEN_IDLE`] while it sits
//! untouched (so a window left open overnight still takes the next day's copy).

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager};
use terrain::Workspace;

use crate::commands::notify_changed;

const IDLE_AFTER: Duration = Duration::from_secs(20);
const RECHECK_AFTER_USE: Duration = Duration::from_secs(10 * 60);
const RECHECK_WHEN_IDLE: Duration = Duration::from_secs(60 * 60);
const POLL: Duration = Duration::from_secs(5);

/// When the page last called a command, and when the last check ran.
#[derive(Debug)]
pub struct Activity {
    times: Mutex<Times>,
}

#[derive(Debug, Clone, Copy)]
struct Times {
    used: Instant,
    checked: Option<Instant>,
}

impl Default for Activity {
    fn default() -> Activity {
        Activity {
            times: Mutex::new(Times {
                used: Instant::now(),
                checked: None,
            }),
        }
    }
}

impl Activity {
    /// Marks a command from the page.
    pub fn touch(&self) {
        self.times.lock().unwrap_or_else(|e| e.into_inner()).used = Instant::now();
    }

    fn due(&self, now: Instant) -> bool {
        let times = *self.times.lock().unwrap_or_else(|e| e.into_inner());
        if now.duration_since(times.used) < IDLE_AFTER {
            return false;
        }
        match times.checked {
            None => true,
            Some(checked) if times.used > checked => {
                now.duration_since(checked) >= RECHECK_AFTER_USE
            }
            Some(checked) => now.duration_since(checked) >= RECHECK_WHEN_IDLE,
        }
    }

    fn checked(&self, at: Instant) {
        self.times.lock().unwrap_or_else(|e| e.into_inner()).checked = Some(at);
    }
}

/// Runs the idle check in the background for as long as the app runs.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(POLL).await;
            let Some(activity) = app.try_state::<std::sync::Arc<Activity>>() else {
                continue;
            };
            let now = Instant::now();
            if !activity.due(now) {
                continue;
            }
            activity.checked(now);
            let Some(workspace) = app.try_state::<Workspace>() else {
                continue;
            };
            let was_damaged = workspace.store().damage().is_some();
            match workspace.idle_check().await {
                // Newly found damage changes what every screen may do: they all read again.
                Ok(health) if health.damage.is_some() && !was_damaged => notify_changed(&app),
                Ok(_) => {}
                // The use case logged the failure (a backup that failed verification, say).
                Err(_) => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_waits_for_an_idle_spell_and_runs_once_in_it() {
        let activity = Activity::default();
        let start = Instant::now();
        assert!(!activity.due(start), "not at start-up");
        let idle = start + IDLE_AFTER + Duration::from_secs(1);
        assert!(activity.due(idle));
        activity.checked(idle);
        assert!(
            !activity.due(idle + Duration::from_secs(60)),
            "once per spell"
        );
        assert!(
            activity.due(idle + RECHECK_WHEN_IDLE),
            "again after an hour untouched"
        );
    }
}
