import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Generations per day. */
export default function UsageChart({ daily }: { daily: { day: string; generations: number }[] }) {
  return (
    <figure className="chart" aria-label="Generations per day">
      <ResponsiveContainer width="100%" height={170}>
        <AreaChart data={daily} margin={{ top: 6, right: 4, bottom: 14, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e5e7eb" />
          <XAxis dataKey="day" tick={{ fontSize: 11, fill: '#4b5563' }} tickFormatter={(day: string) => day.slice(5)} minTickGap={24} tickLine={false} label={{ value: 'Day (UTC)', position: 'insideBottom', offset: -10, fontSize: 11, fill: '#4b5563' }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#4b5563' }} tickLine={false} axisLine={false} label={{ value: 'Generations', angle: -90, position: 'insideLeft', fontSize: 11, fill: '#4b5563' }} />
          <Tooltip formatter={(value) => [value, 'Generations']} />
          <Area dataKey="generations" type="monotone" stroke="#0f7b5f" fill="#cdeee2" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </figure>
  );
}
