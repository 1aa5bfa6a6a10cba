import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLORS: Record<string, string> = { OPEN: '#2563eb', WON: '#0f7b5f', PAUSED: '#b45309', LOST: '#b91c1c' };

/** Accounts per stage, in pipeline order. */
export function PipelineChart({ stages }: { stages: { id: string; name: string; category: string; accountCount: number }[] }) {
  return (
    <figure className="chart" aria-label="Accounts per stage">
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={stages} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="name" tick={{ fontSize: 12, fill: '#4b5563' }} interval={0} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#4b5563' }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: '#f3f4f6' }} formatter={(value) => [value, 'Accounts']} />
          <Bar dataKey="accountCount" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {stages.map((stage) => (
              <Cell key={stage.id} fill={COLORS[stage.category] ?? '#6b7280'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        {stages.map((stage) => `${stage.name}: ${stage.accountCount}`).join(', ')}
      </figcaption>
    </figure>
  );
}
