import { describeError } from '../api/errors';

/** An error as the engine explained it, with the field at fault when it named one. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { message, field } = describeError(error);
  return (
    <p className="error-message" role="alert">
      {message}
      {field && <span className="error-field"> ({field})</span>}
    </p>
  );
}
