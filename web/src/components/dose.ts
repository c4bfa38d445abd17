// Today's dose of an exercise, as the server works it out (GET
// /api/v1/doses): the plan's level moved by the guard's next-morning rule
// over the stored sessions and check-ins, and today's hold-angle cap. The
// page shows it; it never computes it.
import { data, type ExerciseDose } from './data';

/** todaysDose returns the server's dose of exercise, or undefined when the plan has none. */
export async function todaysDose(exercise: string): Promise<ExerciseDose | undefined> {
  return (await data.doses()).find((d) => d.exercise === exercise);
}
