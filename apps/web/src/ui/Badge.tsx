import { humanize } from './format';

type Tone = 'neutral' | 'green' | 'amber' | 'red' | 'blue' | 'violet';

const STAGE_TONES: Record<string, Tone> = { OPEN: 'blue', WON: 'green', PAUSED: 'amber', LOST: 'red' };
const SENTIMENT_TONES: Record<string, Tone> = { POSITIVE: 'green', NEUTRAL: 'neutral', NEGATIVE: 'red' };

export function Badge({ children, tone = 'neutral' }: { children: React.ReactNode; tone?: Tone }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function StageBadge({ stage }: { stage: { name: string; category: string } }) {
  return <Badge tone={STAGE_TONES[stage.category] ?? 'neutral'}>{stage.name}</Badge>;
}

export function SentimentBadge({ sentiment }: { sentiment: string | null | undefined }) {
  if (!sentiment) return null;
  return <Badge tone={SENTIMENT_TONES[sentiment]}>{humanize(sentiment)}</Badge>;
}

const HEALTH_TONES: Record<string, Tone> = { HEALTHY: 'green', WATCH: 'amber', AT_RISK: 'red' };

export function HealthBadge({ level, score }: { level: string; score: number }) {
  return (
    <Badge tone={HEALTH_TONES[level] ?? 'neutral'}>
      {score} · {humanize(level)}
    </Badge>
  );
}

const PILOT_TONES: Record<string, Tone> = { PROPOSED: 'neutral', SCOPING: 'violet', ACTIVE: 'blue', PAUSED: 'amber', SUCCEEDED: 'green', CONVERTED: 'green', FAILED: 'red' };

export function PilotStatusBadge({ status }: { status: string }) {
  return <Badge tone={PILOT_TONES[status] ?? 'neutral'}>{humanize(status)}</Badge>;
}
