import { carriedFocus, questionMarks } from '../../../../shared/report/progress.ts';
import { useApp } from '../../store/index.ts';

/** "Last time (attempt 2, score 71): No number in the result; 3.2 fillers a minute." */
export function CarriedFocus({ questionId }: { questionId: string }) {
  const points = useApp((s) => s.progress.points);
  const last = questionMarks(points).get(questionId)?.last;
  if (!last) return null;
  return (
    <p className="carried-focus" data-testid="carried-focus">
      {carriedFocus(last)}
    </p>
  );
}
