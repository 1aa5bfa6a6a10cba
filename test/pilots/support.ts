import { Caller } from '../crm/support';

export const PILOT_FIELDS = `id name integrationKind status startDate endDate creditBudgetUsd notes archivedAt
  statusChangedAt allowedNextStatuses account { id name } owner { id }`;

export const CREATE_PILOT = `mutation($input: CreatePilotInput!) { createPilot(input: $input) { ${PILOT_FIELDS} } }`;

/** A UTC day `offset` days from today, `YYYY-MM-DD`. */
export function day(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

export async function createPilot(
  caller: Caller,
  input: Record<string, unknown>,
): Promise<{ id: string; name: string; status: string }> {
  const { createPilot: pilot } = await caller.data<{ createPilot: { id: string; name: string; status: string } }>(
    CREATE_PILOT,
    {
      input: {
        name: 'Trailer API pilot',
        integrationKind: 'API',
        startDate: day(-10),
        endDate: day(20),
        creditBudgetUsd: 5000,
        ...input,
      },
    },
  );
  return pilot;
}

export async function changeStatus(caller: Caller, id: string, status: string, reason?: string) {
  return caller.call<{ changePilotStatus: { id: string; status: string } }>(
    'mutation($input: ChangePilotStatusInput!) { changePilotStatus(input: $input) { id status } }',
    { input: { id, status, reason } },
  );
}
