import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import type { AccountPageQuery, CompetitorStatus } from '../../gql/graphql';
import { Badge } from '../../ui/Badge';
import { formatDate, humanize } from '../../ui/format';
import { FormError } from '../../ui/States';
import { SetCompetitorMutation } from './account.operations';

type Competitor = AccountPageQuery['account']['competitors'][number];
const STATUSES: CompetitorStatus[] = ['EVALUATING', 'PILOTING', 'ADOPTED', 'REJECTED'];
const TONES = { EVALUATING: 'blue', PILOTING: 'violet', ADOPTED: 'red', REJECTED: 'green' } as const;

/** Rival AI video vendors this account is also evaluating. */
export function CompetitorsSection({ accountId, competitors, canEdit }: { accountId: string; competitors: Competitor[]; canEdit: boolean }) {
  const [{ fetching, error }, setCompetitor] = useMutation(SetCompetitorMutation);
  const [adding, setAdding] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await setCompetitor({
      accountId,
      competitor: {
        vendor: String(form.get('vendor')).trim(),
        status: String(form.get('status')) as CompetitorStatus,
        notes: String(form.get('notes') ?? '').trim() || null,
      },
    });
    if (!result.error) setAdding(false);
  }

  return (
    <section className="panel" aria-labelledby="competitors-title">
      <h2 className="panel-title" id="competitors-title">
        Competitors <span className="count">{competitors.length}</span>
      </h2>
      {competitors.length === 0 && <p className="muted">No rival vendor recorded.</p>}
      <ul className="list">
        {competitors.map((competitor) => (
          <li key={competitor.id} className="list-row">
            <div>
              <strong>{competitor.vendor}</strong>
              {competitor.notes && <div className="muted small">{competitor.notes}</div>}
            </div>
            <div className="align-right">
              <Badge tone={TONES[competitor.status]}>{humanize(competitor.status)}</Badge>
              <div className="muted small">{formatDate(competitor.updatedAt)}</div>
            </div>
          </li>
        ))}
      </ul>
      {canEdit && !adding && (
        <button type="button" className="button button-quiet" onClick={() => setAdding(true)}>
          + Add or update a competitor
        </button>
      )}
      {canEdit && adding && (
        <form className="stack" onSubmit={submit}>
          <label className="field">
            <span>Vendor</span>
            <input name="vendor" required autoFocus />
          </label>
          <label className="field">
            <span>Status</span>
            <select name="status" defaultValue="EVALUATING">
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {humanize(status)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Notes</span>
            <input name="notes" />
          </label>
          <FormError error={error} />
          <div className="form-footer">
            <button type="button" className="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={fetching}>
              Save
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
