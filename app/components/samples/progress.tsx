/** "212 of 600 done" with a bar; a sample whose documents were deleted says how many. */
export function SampleProgress({ done, size, missing }: { done: number; size: number; missing: number }) {
  const counted = Math.max(0, size - missing);
  return (
    <span className="sample-progress">
      <progress max={Math.max(1, counted)} value={done} aria-label={`${done} of ${counted} done`} />
      <span>
        {done.toLocaleString("en-GB")} of {counted.toLocaleString("en-GB")} done
        {missing > 0 ? <span className="meta"> · {missing.toLocaleString("en-GB")} deleted</span> : null}
      </span>
    </span>
  );
}
