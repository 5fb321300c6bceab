import { useCallback, useEffect, useState } from 'preact/hooks';
import { graphql, Unreachable, type Answer } from './api';

export interface QueryState<T> {
  answer: Answer<T> | null;
  /** The server could not be reached; the page says so rather than showing nothing. */
  unreachable: boolean;
  reload: () => void;
}

/** Runs a query when the page opens and whenever its variables change; `reload` runs it again (a live update). */
export function useQuery<T>(query: string, variables: Record<string, unknown>): QueryState<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    let current = true;
    graphql<T>(query, variables).then(
      (next) => {
        if (!current) return;
        setAnswer(next);
        setUnreachable(false);
      },
      (error: unknown) => {
        if (current && error instanceof Unreachable) setUnreachable(true);
      },
    );
    return () => {
      current = false;
    };
    // The variables are compared by their JSON, not by identity.
  }, [query, key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { answer, unreachable, reload };
}
