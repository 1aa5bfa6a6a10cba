import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Generations per day. */
export default function UsageChart({ daily }: { daily: { day: string; generations: number }[] }) {
  return (
    <figure className="chart" aria-label="Generations per day">
      <ResponsiveContainer width="100%" height={150}>
        <AreaChart data={daily} margin={{ top: 6, right: 4, bottom: 0, left: -24 }}>
          <CartesianGrid vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#4b5563' }} tickFormatter={(day: string) => day.slice(5)} minTickGap={24} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#4b5563' }} tickLine={false} axisLine={false} />
          <Tooltip formatter={(value) => [value, 'Generations']} />
          <Area dataKey="generations" type="monotone" stroke="#0f7b5f" fill="#cdeee2" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
