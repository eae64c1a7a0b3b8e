//! Backups as the director meets them: the Backups… dialog that lists the copies and restores
//! one, and the banner a damaged workspace shows on every screen with the newest copy to
//! restore. Making, verifying and restoring copies is all done on the Rust side.

import { useCallback, useState } from 'react';

import { api } from '../api';
import type { BackupInfo } from '../api';
import { Dialog } from '../components/Dialog';
import { useWorkspaceData, useWorkspaceRevision } from '../lib/data';
import { baseName, formatDateTime } from '../lib/format';
import { useNotices } from '../lib/notices';

/** A file size for people: 412 KB, 5.2 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${String(Math.ceil(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Restores a backup, then tells every view to read the workspace again. */
function useRestore(onDone?: () => void) {
  const { bump } = useWorkspaceRevision();
  const { reportError, confirm } = useNotices();
  const [restoring, setRestoring] = useState<string | null>(null);

  const restore = useCallback(
    async (backup: BackupInfo) => {
      setRestoring(backup.path);
      try {
        const done = await api.restoreBackup({ backup: backup.path });
        bump();
        confirm(
          'Workspace restored',
          `The copy of ${formatDateTime(done.restored.taken)} is back.` +
            (done.replaced ? ` The workspace as it was is kept as ${done.replaced.name}.` : ''),
        );
        onDone?.();
      } catch (error) {
        reportError(error, 'The backup was not restored');
      } finally {
        setRestoring(null);
      }
    },
    [bump, confirm, onDone, reportError],
  );

  return { restore, restoring };
}

/**
 * The Backups… dialog: every copy, newest first, with a restore that asks first. A damaged
 * workspace is not copied, so it offers no Back up now.
 */
export function BackupsDialog({
  onClose,
  damaged = false,
}: {
  onClose: () => void;
  damaged?: boolean;
}) {
  const { reportError, confirm } = useNotices();
  const {
    data: backups,
    loading,
    reload,
  } = useWorkspaceData(api.listBackups, 'Could not list the backups');
  const [asking, setAsking] = useState<BackupInfo | null>(null);
  const [making, setMaking] = useState(false);
  const { restore, restoring } = useRestore(onClose);

  const backUpNow = async () => {
    setMaking(true);
    try {
      const made = await api.backUpNow();
      reload();
      confirm('Backup made', `${made.name} was written and verified.`);
    } catch (error) {
      reportError(error, 'No backup was made');
    } finally {
      setMaking(false);
    }
  };

  return (
    <Dialog
      title="Backups"
      testId="backups-dialog"
      className="backups-dialog"
      intro="Terrain keeps a verified copy of the workspace before every import, plan activation and upgrade, and one a day. Restoring one keeps the workspace as it is now as a backup first."
      onClose={onClose}
    >
      {loading && !backups ? <div className="loading">Reading the backup folder…</div> : null}
      {backups && backups.length === 0 ? (
        <p className="muted" data-testid="backups-empty">
          No backups yet. One is made before the first import, or now with Back up now.
        </p>
      ) : null}
      {backups && backups.length > 0 ? (
        <div className="backups-scroll">
          <table className="table backups-table" aria-label="Backups">
            <thead>
              <tr>
                <th>Taken</th>
                <th>Why</th>
                <th className="numeric">Size</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((backup) => (
                <tr key={backup.path} data-testid="backup-row" title={backup.path}>
                  <td>{formatDateTime(backup.taken)}</td>
                  <td>
                    <span className="chip">{backup.kind.replace('_', ' ')}</span> {backup.reason}
                  </td>
                  <td className="numeric">{formatSize(backup.bytes)}</td>
                  <td className="backups-action">
                    {backup.restorable ? (
                      <button
                        type="button"
                        className="button button-quiet"
                        disabled={restoring !== null}
                        onClick={() => setAsking(backup)}
                      >
                        Restore…
                      </button>
                    ) : (
                      <span className="muted">kept for recovery</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {asking ? (
        <div className="backups-confirm" role="alertdialog" aria-label="Restore this backup?">
          <p>
            Replace the workspace with the copy of <strong>{formatDateTime(asking.taken)}</strong> (
            {asking.reason})? Everything changed since then is set aside: the workspace as it is now
            is kept as a backup first.
          </p>
          <div className="plan-settings-actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="restore-confirm"
              disabled={restoring !== null}
              onClick={() => void restore(asking)}
            >
              {restoring ? 'Restoring…' : 'Restore this copy'}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div className="plan-settings-actions">
        <button
          type="button"
          className="button"
          data-testid="back-up-now"
          disabled={damaged || making || restoring !== null}
          title={
            damaged ? 'A damaged workspace is not copied: restore a backup instead' : undefined
          }
          onClick={() => void backUpNow()}
        >
          {making ? 'Backing up…' : 'Back up now'}
        </button>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Shown above every screen while the workspace is damaged: it is open read-only, and the
 * newest backup is one click (and a confirmation) away.
 */
export function DamagedBanner() {
  const { damageSeen } = useWorkspaceRevision();
  // Once a screen's read met damage, the health is asked with a check, which records it.
  const { data: health } = useWorkspaceData(
    () => api.workspaceHealth(damageSeen >= 0),
    'Could not check the workspace',
    String(damageSeen),
  );
  const [asking, setAsking] = useState(false);
  const [listing, setListing] = useState(false);
  const closeQuestion = useCallback(() => setAsking(false), []);
  const { restore, restoring } = useRestore(closeQuestion);

  if (!health?.damage) return null;
  const latest = health.latest_backup;
  return (
    <div className="damaged-banner" role="alert" data-testid="damaged-banner">
      <div className="damaged-text">
        <strong>This workspace is damaged</strong> ({health.damage}). It is open read-only: nothing
        can be changed until a backup is restored.{' '}
        {latest ? (
          <>
            The newest copy is from {formatDateTime(latest.taken)}, {latest.reason}.
          </>
        ) : (
          <>There is no backup of {baseName(health.path)} to restore.</>
        )}
      </div>
      <div className="damaged-actions">
        {latest && !asking ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="restore-latest"
            onClick={() => setAsking(true)}
          >
            Restore the backup of {formatDateTime(latest.taken)}
          </button>
        ) : null}
        {latest && asking ? (
          <>
            <button
              type="button"
              className="button button-primary"
              data-testid="restore-latest-confirm"
              disabled={restoring !== null}
              onClick={() => void restore(latest)}
            >
              {restoring ? 'Restoring…' : 'Yes, restore it'}
            </button>
            <button type="button" className="button" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </>
        ) : null}
        <button type="button" className="button" onClick={() => setListing(true)}>
          All backups…
        </button>
      </div>
      {listing ? <BackupsDialog damaged onClose={() => setListing(false)} /> : null}
    </div>
  );
}
