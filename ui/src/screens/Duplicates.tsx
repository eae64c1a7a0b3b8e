//! Possible duplicates: the groups of accounts an import found to look like one company, each
//! with the raw names, keys and websites behind the match and why they matched. Nothing is
//! merged until the director presses Merge; Keep apart is remembered, so the same group is not
//! proposed again.

import { useState } from 'react';

import { Dialog } from '../components/Dialog';
import { api, toErrorPayload } from '../api';
import type { MergeProposal, MergeResult } from '../api';
import { plural } from '../lib/format';

export function DuplicatesDialog({
  proposals,
  onClose,
  onMerged,
}: {
  proposals: MergeProposal[];
  onClose: () => void;
  onMerged: (result: MergeResult) => void;
}) {
  // The account to keep, per proposal; the proposal's first (the oldest) unless changed.
  const [keep, setKeep] = useState<Map<number, number>>(new Map());
  const [working, setWorking] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const answer = async (proposal: MergeProposal, merge: boolean) => {
    setWorking(proposal.id);
    setProblem(null);
    try {
      if (merge) {
        const kept = keep.get(proposal.id) ?? proposal.accounts[0]?.id ?? null;
        onMerged(await api.mergeAccounts({ proposal: proposal.id, keep: kept }));
      } else {
        await api.keepApart(proposal.id);
      }
    } catch (error) {
      setProblem(toErrorPayload(error).message);
    } finally {
      setWorking(null);
    }
  };

  return (
    <Dialog
      title="Possible duplicates"
      testId="duplicates"
      onClose={onClose}
      intro={
        <>
          Each group looks like one company written differently in the CRM. Merge keeps one account
          and moves the others&rsquo; deals, activity and placements onto it; keep apart and the
          group is not proposed again.
        </>
      }
    >
      <div className="plan-settings-body">
        {proposals.length === 0 ? (
          <p className="muted" data-testid="duplicates-none">
            No possible duplicates left.
          </p>
        ) : null}
        {proposals.map((proposal) => {
          const kept = keep.get(proposal.id) ?? proposal.accounts[0]?.id;
          return (
            <fieldset key={proposal.id} data-testid="duplicate-group">
              <legend>{plural(proposal.accounts.length, 'account')} that look alike</legend>
              <p className="plan-settings-hint" data-testid="duplicate-reason">
                Matched on {proposal.reason}.
              </p>
              <table className="table duplicates">
                <thead>
                  <tr>
                    <th scope="col">Keep</th>
                    <th scope="col">Name as imported</th>
                    <th scope="col">Key</th>
                    <th scope="col">Website</th>
                    <th scope="col" className="numeric">
                      Deals
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {proposal.accounts.map((account) => (
                    <tr key={account.id} data-testid="duplicate-account">
                      <td>
                        <input
                          type="radio"
                          name={`keep-${String(proposal.id)}`}
                          aria-label={`Keep ${account.name}`}
                          checked={kept === account.id}
                          onChange={() =>
                            setKeep((current) => new Map(current).set(proposal.id, account.id))
                          }
                        />
                      </td>
                      {/* Quotes show what the raw value really holds, spaces and case included. */}
                      <td className="duplicate-raw">“{account.name}”</td>
                      <td className="duplicate-raw muted">{account.key}</td>
                      <td className="duplicate-raw">{account.website ?? '—'}</td>
                      <td className="numeric">{account.opportunities}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="plan-settings-actions">
                <span className="toolbar-spacer" />
                <button
                  type="button"
                  className="button"
                  data-testid="duplicate-keep-apart"
                  disabled={working !== null}
                  onClick={() => void answer(proposal, false)}
                >
                  Keep apart
                </button>
                <button
                  type="button"
                  className="button button-primary"
                  data-testid="duplicate-merge"
                  disabled={working !== null}
                  onClick={() => void answer(proposal, true)}
                >
                  {working === proposal.id ? 'Merging…' : 'Merge'}
                </button>
              </div>
            </fieldset>
          );
        })}
        {problem ? (
          <p className="plan-settings-problem" role="alert" data-testid="duplicates-error">
            {problem}
          </p>
        ) : null}
        <div className="plan-settings-actions">
          <span className="toolbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
