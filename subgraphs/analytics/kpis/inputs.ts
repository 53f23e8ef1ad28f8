/** Arguments of `analyticsKpis`: out of bounds is a BAD_USER_INPUT naming the argument. */
import { z } from 'zod';

export const MAX_KPI_DAYS = 366;

export const analyticsKpisArgs = z.object({
  days: z.number().int().min(1, `must be between 1 and ${MAX_KPI_DAYS}`).max(MAX_KPI_DAYS, `must be between 1 and ${MAX_KPI_DAYS}`),
});
