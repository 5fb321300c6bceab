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
  // The answer with the variables it answers: a page whose variables changed shows no answer to the old ones.
  const [answered, setAnswered] = useState<{ key: string; answer: Answer<T> } | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [round, setRound] = useState(0);
  const key = JSON.stringify([query, variables]);
  useEffect(() => {
    let current = true;
    graphql<T>(query, variables).then(
      (next) => {
        if (!current) return;
        setAnswered({ key, answer: next });
        setUnreachable(false);
      },
      (error: unknown) => {
        if (current && error instanceof Unreachable) setUnreachable(true);
      },
    );
    return () => {
      current = false;
    };
    // The query and its variables are compared by their JSON, not by identity.
  }, [key, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { answer: answered?.key === key ? answered.answer : null, unreachable, reload };
}
