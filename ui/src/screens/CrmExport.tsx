//! Sending owner changes back to the CRM: the dialog on the Workspace screen that keeps each
//! rep's CRM user id and writes a change-set (Salesforce, HubSpot or a workbook) of the owner
//! changes since a day, or since the active plan began.

import { useEffect, useState } from 'react';

import { Dialog, Field } from '../components/Dialog';
import { api, toErrorPayload } from '../api';
import type { ChangeSetFormat, ChangeSetWritten, CrmUserId } from '../api';

const FORMATS: { value: ChangeSetFormat; label: string; hint: string }[] = [
  {
    value: 'salesforce',
    label: 'Salesforce owner updates (CSV)',
    hint:
      'Id and OwnerId, for the Data Import Wizard or Data Loader; ' +
      'every new owner needs a CRM user id.',
  },
  {
    value: 'hubspot',
    label: 'HubSpot companies import (CSV)',
    hint: 'Record ID and Company owner; a rep without a CRM user id is named instead.',
  },
  {
    value: 'xlsx',
    label: 'Workbook for people (XLSX)',
    hint: 'Account, from, to, when and why, moves to the pool included.',
  },
];

export function CrmExportDialog({
  onClose,
  onWritten,
}: {
  onClose: () => void;
  onWritten: (written: ChangeSetWritten) => void;
}) {
  const [format, setFormat] = useState<ChangeSetFormat>('salesforce');
  const [since, setSince] = useState('');
  const [ids, setIds] = useState<CrmUserId[] | null>(null);
  // Only the rows typed in are saved, so ids a refresh imported meanwhile are not overwritten.
  const [edited, setEdited] = useState<Set<number>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .crmUserIds()
      .then((loaded) => {
        if (live) setIds(loaded);
      })
      .catch((error: unknown) => {
        if (live) setProblem(toErrorPayload(error).message);
      });
    return () => {
      live = false;
    };
  }, []);

  const setId = (repId: number, value: string) => {
    setIds((current) =>
      current
        ? current.map((row) =>
            row.rep_id === repId ? { ...row, crm_user_id: value === '' ? null : value } : row,
          )
        : current,
    );
    setEdited((current) => new Set(current).add(repId));
    setProblem(null);
  };

  const write = async () => {
    setWorking(true);
    setProblem(null);
    try {
      // The ids are saved first, in their own transaction, so a refused change-set keeps them.
      if (edited.size > 0 && ids) {
        setIds(await api.saveCrmUserIds(ids.filter((row) => edited.has(row.rep_id))));
        setEdited(new Set());
      }
      const path = await api.pickChangeSetPath(format);
      if (path === null) return;
      onWritten(
        await api.writeChangeSet({
          path,
          format,
          since_date: since === '' ? null : since,
          since_plan: null,
        }),
      );
    } catch (error) {
      setProblem(toErrorPayload(error).message);
    } finally {
      setWorking(false);
    }
  };

  const chosen = FORMATS.find((f) => f.value === format);
  return (
    <Dialog
      title="Send owner changes to the CRM"
      testId="crm-export"
      ready={ids !== null}
      onClose={onClose}
      intro={
        <>
          Only the accounts whose owner changed are written, each once with its latest owner: a move
          and its way back send nothing.
        </>
      }
    >
      <form
        className="plan-settings-body"
        onSubmit={(event) => {
          event.preventDefault();
          void write();
        }}
      >
        <fieldset>
          <legend>File</legend>
          <div className="plan-settings-radios" role="radiogroup" aria-label="Change-set format">
            {FORMATS.map((option) => (
              <label key={option.value} className="plan-settings-check">
                <input
                  type="radio"
                  name="change-set-format"
                  value={option.value}
                  data-testid={`crm-format-${option.value}`}
                  checked={format === option.value}
                  onChange={() => {
                    setFormat(option.value);
                    setProblem(null);
                  }}
                />
                {option.label}
              </label>
            ))}
          </div>
          <p className="plan-settings-hint">{chosen?.hint}</p>
          <Field
            label="Changes since"
            hint="Leave it empty for every change since the active plan began."
          >
            <input
              type="date"
              data-testid="crm-since"
              value={since}
              onChange={(event) => setSince(event.target.value)}
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>CRM user ids</legend>
          <p className="plan-settings-hint">
            The id each rep has in the CRM, such as a Salesforce user id (005…). A reps sheet with a
            User ID column fills these in; edits are saved when you write the file.
          </p>
          {ids === null ? (
            <div className="loading">Loading the reps…</div>
          ) : (
            <div className="crm-ids-scroll">
              <table className="table crm-ids" data-testid="crm-ids">
                <thead>
                  <tr>
                    <th scope="col">Rep</th>
                    <th scope="col">CRM user id</th>
                  </tr>
                </thead>
                <tbody>
                  {ids.map((row) => (
                    <tr key={row.rep_id} data-testid="crm-id-row">
                      <th scope="row">{row.rep}</th>
                      <td>
                        <input
                          type="text"
                          aria-label={`CRM user id of ${row.rep}`}
                          data-testid="crm-id"
                          value={row.crm_user_id ?? ''}
                          onChange={(event) => setId(row.rep_id, event.target.value)}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </fieldset>
        {problem ? (
          <p className="plan-settings-problem" role="alert" data-testid="crm-error">
            {problem}
          </p>
        ) : null}
        <div className="plan-settings-actions">
          <span className="toolbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="crm-write"
            disabled={working || ids === null}
          >
            {working ? 'Writing…' : 'Write the file…'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
