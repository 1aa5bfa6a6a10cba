import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import type { CaptureSettingsQuery as SettingsData } from '../../gql/graphql';
import { CopyButton } from '../admin/CopyButton';
import { Badge } from '../../ui/Badge';
import { formatDateTime } from '../../ui/format';
import { EmptyState, ErrorState, FormError, Loading } from '../../ui/States';
import { useToast } from '../../ui/Toast';
import {
  CaptureSettingsQuery,
  ConnectCalendarMutation,
  DisconnectCalendarMutation,
  PauseCalendarMutation,
  PollCalendarMutation,
  ResetBccAddressMutation,
  ResumeCalendarMutation,
  UploadCalendarMutation,
} from './capture.operations';

type Subscription = SettingsData['calendarSubscriptions'][number];

/** An uploaded file travels as GraphQL text; the server takes 1 MB at most. */
const MAX_UPLOAD_BYTES = 1024 * 1024;

/** The signed-in member's capture: the BCC address and calendar subscriptions. */
export default function CaptureSettingsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: CaptureSettingsQuery, requestPolicy: 'cache-and-network' });
  const waiting = data?.calendarSubscriptions.some((s) => s.status === 'PENDING' && !s.pausedAt) ?? false;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 1500);
    return () => clearTimeout(timer);
  }, [waiting, data, refetch]);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Capture</h1>
          <p className="page-subtitle capture-intro">
            Meetings from your calendars and e-mails you copy to your BCC address are logged as interactions when someone
            outside the company takes part. What matches nobody waits in the <Link to="/capture-review">review queue</Link>.
          </p>
        </div>
      </header>
      {!data && fetching && <Loading label="Loading capture settings" />}
      {!data && error && <ErrorState error={error} retry={reload} />}
      {data && (
        <div className="stack">
          <BccSection settings={data.captureSettings} />
          <CalendarsSection subscriptions={data.calendarSubscriptions} reload={reload} />
        </div>
      )}
    </div>
  );
}

function BccSection({ settings }: { settings: SettingsData['captureSettings'] }) {
  const toast = useToast();
  const [reset, resetAddress] = useMutation(ResetBccAddressMutation);
  return (
    <section className="panel stack" aria-labelledby="bcc-heading">
      <h2 id="bcc-heading">Your BCC address</h2>
      {settings.bccAddress ? (
        <>
          <p className="muted">
            Copy it into the BCC of a mail you send (or forward a mail to it): the mail is logged with the people it matches.
            Keep it private; anyone who knows it can log mail as you.
          </p>
          <div className="secret-row">
            <code data-testid="bcc-address">{settings.bccAddress}</code>
            <CopyButton text={settings.bccAddress} label="Copy BCC address" />
            <button
              type="button"
              className="button button-quiet"
              disabled={reset.fetching}
              onClick={async () => {
                if (!window.confirm('Make a new BCC address? The current one stops working at once.')) return;
                const result = await resetAddress({});
                if (!result.error) toast('New BCC address made: the old one no longer logs mail.');
              }}
            >
              New address
            </button>
          </div>
          {!settings.smtpListening && (
            <p className="small muted">This server does not receive mail itself: your administrator forwards it from the mail provider.</p>
          )}
          <FormError error={reset.error} />
        </>
      ) : (
        <p className="muted">Read-only members have no BCC address: their mail is not logged.</p>
      )}
    </section>
  );
}

function CalendarsSection({ subscriptions, reload }: { subscriptions: Subscription[]; reload(): void }) {
  const toast = useToast();
  const [connection, connect] = useMutation(ConnectCalendarMutation);
  const [upload, uploadCalendar] = useMutation(UploadCalendarMutation);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);

  async function submitAddress(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const result = await connect({ input: { name: String(form.get('name')).trim(), url: String(form.get('url')).trim() } });
    if (result.error) return;
    formElement.reset();
    toast('Calendar connected: its first poll is under way.');
    reload();
  }

  async function submitFile(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const file = form.get('file');
    setUploadProblem(null);
    if (!(file instanceof File) || !file.name) return setUploadProblem('Choose an .ics file first.');
    if (file.size > MAX_UPLOAD_BYTES)
      return setUploadProblem('The file is larger than 1 MB: connect the calendar by its address instead.');
    const name = String(form.get('name')).trim() || file.name.replace(/\.ics$/i, '');
    const result = await uploadCalendar({ input: { name, ics: await file.text() } });
    if (result.error) return;
    formElement.reset();
    const imported = result.data!.uploadCalendar.eventsImported;
    toast(`${name} imported: ${imported} event${imported === 1 ? '' : 's'} logged.`);
    reload();
  }

  return (
    <section className="panel stack" aria-labelledby="calendars-heading">
      <h2 id="calendars-heading">Calendars</h2>
      <p className="muted">
        Paste the secret iCal address of your calendar (Google Calendar: Settings › Integrate calendar › Secret address in
        iCal format; Outlook: Calendar › Shared calendars › Publish a calendar, ICS link; Apple Calendar: Share calendar ›
        Public calendar). It is read every 10 minutes.
      </p>
      <form className="capture-form" onSubmit={submitAddress} aria-label="Connect a calendar">
        <label className="field">
          <span>Name</span>
          <input name="name" required maxLength={200} placeholder="Work calendar" />
        </label>
        <label className="field grow">
          <span>Secret iCal address</span>
          <input name="url" required inputMode="url" autoComplete="off" spellCheck={false} placeholder="https://calendar.google.com/calendar/ical/…/basic.ics" />
        </label>
        <button type="submit" className="button button-primary" disabled={connection.fetching}>
          Connect
        </button>
        <FormError error={connection.error} />
      </form>
      <form className="capture-form" onSubmit={submitFile} aria-label="Upload an .ics file">
        <label className="field">
          <span>Name (optional)</span>
          <input name="name" maxLength={200} placeholder="Exported calendar" />
        </label>
        <label className="field grow">
          <span>.ics file (imported once, at most 1 MB)</span>
          <input name="file" type="file" accept=".ics,text/calendar" />
        </label>
        <button type="submit" className="button" disabled={upload.fetching}>
          Upload
        </button>
        {uploadProblem && (
          <p className="form-error" role="alert">
            {uploadProblem}
          </p>
        )}
        <FormError error={upload.error} />
      </form>
      {subscriptions.length === 0 ? (
        <EmptyState title="No calendar yet." hint="Connect one above: your meetings with contacts will log themselves." />
      ) : (
        <ul className="capture-calendars" aria-label="Your calendars">
          {subscriptions.map((subscription) => (
            <CalendarCard key={subscription.id} subscription={subscription} reload={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function statusOf(subscription: Subscription): { label: string; tone: 'neutral' | 'green' | 'amber' | 'red' } {
  if (subscription.pausedAt) return { label: 'Paused', tone: 'neutral' };
  switch (subscription.status) {
    case 'OK':
      return { label: 'Working', tone: 'green' };
    case 'FAILING':
      return { label: 'Failing, retrying', tone: 'amber' };
    case 'REFUSED':
      return { label: 'Refused', tone: 'red' };
    default:
      return { label: 'Waiting for the first poll', tone: 'neutral' };
  }
}

function CalendarCard({ subscription, reload }: { subscription: Subscription; reload(): void }) {
  const [poll, pollNow] = useMutation(PollCalendarMutation);
  const [pause, pauseCalendar] = useMutation(PauseCalendarMutation);
  const [resume, resumeCalendar] = useMutation(ResumeCalendarMutation);
  const [removal, remove] = useMutation(DisconnectCalendarMutation);
  const status = statusOf(subscription);
  const busy = poll.fetching || pause.fetching || resume.fetching || removal.fetching;
  const problem = subscription.status === 'OK' ? 'Left out' : 'Problem';
  return (
    <li className="capture-calendar" data-calendar={subscription.name} aria-label={subscription.name}>
      <div className="capture-calendar-head">
        <strong>{subscription.name}</strong>
        <Badge tone={status.tone}>{status.label}</Badge>
      </div>
      <dl className="capture-facts">
        <div>
          <dt>Source</dt>
          <dd>{subscription.polled ? <code>{subscription.address}</code> : 'Uploaded file'}</dd>
        </div>
        <div>
          <dt>Last poll</dt>
          <dd>{subscription.lastPolledAt ? formatDateTime(subscription.lastPolledAt) : 'not yet'}</dd>
        </div>
        <div>
          <dt>Events imported</dt>
          <dd>{subscription.eventsImported}</dd>
        </div>
        {subscription.nextPollAt && (
          <div>
            <dt>Next poll</dt>
            <dd>{formatDateTime(subscription.nextPollAt)}</dd>
          </div>
        )}
        {subscription.lastError && (
          <div className="capture-problem">
            <dt>{problem}</dt>
            <dd>{subscription.lastError}</dd>
          </div>
        )}
      </dl>
      <div className="inline-actions">
        {subscription.polled && !subscription.pausedAt && (
          <button type="button" className="button" disabled={busy} onClick={async () => (await pollNow({ id: subscription.id }), reload())}>
            Poll now
          </button>
        )}
        {subscription.polled &&
          (subscription.pausedAt ? (
            <button type="button" className="button" disabled={busy} onClick={async () => (await resumeCalendar({ id: subscription.id }), reload())}>
              Resume
            </button>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => pauseCalendar({ id: subscription.id })}>
              Pause
            </button>
          ))}
        <button
          type="button"
          className="button button-danger"
          disabled={busy}
          onClick={async () => {
            if (!window.confirm(`Remove ${subscription.name}? The meetings it logged stay.`)) return;
            const result = await remove({ id: subscription.id });
            if (!result.error) reload();
          }}
        >
          Remove
        </button>
      </div>
      <FormError error={poll.error ?? pause.error ?? resume.error ?? removal.error} />
    </li>
  );
}
