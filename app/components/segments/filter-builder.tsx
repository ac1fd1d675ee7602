import type { DatasetColumn } from "~/lib/datasets/types";
import {
  appendTo,
  changeColumn,
  needsValue,
  newCondition,
  newGroup,
  opLabel,
  opsByType,
  removeNode,
  updateNode,
  type DraftCondition,
  type DraftGroup,
} from "./filter-model";

interface BuilderProps {
  columns: DatasetColumn[];
  value: DraftGroup;
  onChange(next: DraftGroup): void;
  nextId(): string;
  /** Row id → message (from compile()). */
  errors: Record<string, string>;
  /** Rows still untouched do not nag until the person tries to save. */
  showAll: boolean;
  touched: Set<string>;
  onTouch(id: string): void;
}

/**
 * Conditions in nested all/any groups, built from the dataset's own columns: the person picks a
 * column, an operator that suits its type and a value in an input of that type. There is no
 * place to type SQL; the filter is sent as JSON and the server compiles it.
 */
export function FilterBuilder(props: BuilderProps) {
  return (
    <div className="fb" data-testid="filter-builder">
      <GroupEditor {...props} group={props.value} depth={0} />
    </div>
  );
}

function GroupEditor(props: BuilderProps & { group: DraftGroup; depth: number }) {
  const { group, depth, columns, value, onChange, nextId, errors } = props;
  const set = (next: DraftGroup) => onChange(next);
  const error = errors[group.id];
  const errorId = `${group.id}-error`;
  return (
    <fieldset className={`fb-group fb-group--${group.mode}`} aria-describedby={error ? errorId : undefined}>
      <legend className="fb-group__legend">
        <span className="fb-group__lead">{depth === 0 ? "Rows that match" : "Match"}</span>
        <select
          aria-label={depth === 0 ? "Rows must match" : "This group must match"}
          value={group.mode}
          onChange={(e) => set(updateNode(value, group.id, (g) => ({ ...(g as DraftGroup), mode: e.target.value as "all" | "any" })))}
        >
          <option value="all">all of</option>
          <option value="any">any of</option>
        </select>
        <span className="fb-group__lead">these conditions</span>
      </legend>
      {group.children.length === 0 ? (
        <p className="hint fb-group__empty">
          {depth === 0 ? "No conditions: the segment is the whole dataset." : "No conditions in this group yet."}
        </p>
      ) : (
        <ul className="fb-list">
          {group.children.map((child) => (
            <li key={child.id} className="fb-item">
              {child.kind === "group" ? (
                <GroupEditor {...props} group={child} depth={depth + 1} />
              ) : (
                <ConditionRow {...props} condition={child} />
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (props.showAll || group.children.length === 0) ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
      <div className="fb-actions">
        <button type="button" className="btn btn--secondary btn--small" onClick={() => set(appendTo(value, group.id, newCondition(nextId, columns)))}>
          Add condition
        </button>
        {depth < 3 ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => set(appendTo(value, group.id, newGroup(nextId, columns, group.mode === "all" ? "any" : "all")))}
          >
            Add group
          </button>
        ) : null}
        {depth > 0 ? (
          <button type="button" className="btn btn--ghost btn--small btn--quiet-danger" onClick={() => set(removeNode(value, group.id))}>
            Remove group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function ConditionRow(props: BuilderProps & { condition: DraftCondition }) {
  const { condition: c, columns, value, onChange, errors, showAll, touched, onTouch } = props;
  const column = columns.find((col) => col.name === c.column);
  const ops = column ? opsByType[column.type] : [];
  const error = errors[c.id];
  const shown = error && (showAll || touched.has(c.id)) ? error : undefined;
  const errorId = `${c.id}-error`;
  const update = (change: (cond: DraftCondition) => DraftCondition) =>
    onChange(updateNode(value, c.id, (n) => change(n as DraftCondition)));
  return (
    <div className="fb-row" data-testid="filter-condition">
      <div className="fb-row__fields">
        <label className="visually-hidden" htmlFor={`${c.id}-column`}>
          Column
        </label>
        <select
          id={`${c.id}-column`}
          className="fb-row__column"
          value={c.column}
          onChange={(e) => update((cond) => changeColumn(cond, columns, e.target.value))}
        >
          {column ? null : <option value={c.column}>{c.column ? `${c.column} (not in this dataset)` : "Choose a column…"}</option>}
          {columns.map((col) => (
            <option key={col.name} value={col.name}>
              {col.name} ({col.type})
            </option>
          ))}
        </select>
        <label className="visually-hidden" htmlFor={`${c.id}-op`}>
          Operator
        </label>
        <select
          id={`${c.id}-op`}
          className="fb-row__op"
          value={c.op}
          onChange={(e) => update((cond) => ({ ...cond, op: e.target.value as DraftCondition["op"] }))}
        >
          {(ops.includes(c.op) ? ops : [c.op, ...ops]).map((op) => (
            <option key={op} value={op}>
              {opLabel(op, column?.type)}
            </option>
          ))}
        </select>
        {needsValue(c.op) ? (
          <ValueInput
            condition={c}
            type={column?.type}
            invalid={Boolean(shown)}
            describedBy={shown ? errorId : undefined}
            onChange={(text) => update((cond) => ({ ...cond, value: text }))}
            onBlur={() => onTouch(c.id)}
          />
        ) : (
          <span className="fb-row__novalue" aria-hidden="true" />
        )}
        <button
          type="button"
          className="btn btn--ghost btn--small btn--quiet-danger fb-row__remove"
          onClick={() => onChange(removeNode(value, c.id))}
        >
          Remove<span className="visually-hidden"> condition on {c.column || "no column"}</span>
        </button>
      </div>
      {shown ? (
        <span id={errorId} className="field-error">
          {shown}
        </span>
      ) : null}
    </div>
  );
}

function ValueInput({
  condition,
  type,
  invalid,
  describedBy,
  onChange,
  onBlur,
}: {
  condition: DraftCondition;
  type: DatasetColumn["type"] | undefined;
  invalid: boolean;
  describedBy?: string;
  onChange(text: string): void;
  onBlur(): void;
}) {
  const common = {
    id: `${condition.id}-value`,
    className: "fb-row__value",
    value: condition.value,
    "aria-invalid": invalid || undefined,
    "aria-describedby": describedBy,
    onBlur,
  };
  const label = (
    <label className="visually-hidden" htmlFor={common.id}>
      {condition.op === "in" ? "Values, separated by commas" : "Value"}
    </label>
  );
  if (condition.op === "in") {
    const example = type === "date" ? "2024-01-31, 2024-02-29" : type === "integer" || type === "number" ? "1, 2, 3" : "North, South";
    return (
      <>
        {label}
        <input {...common} type="text" placeholder={`e.g. ${example}`} onChange={(e) => onChange(e.target.value)} />
      </>
    );
  }
  if (type === "boolean") {
    return (
      <>
        {label}
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">Choose…</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      </>
    );
  }
  if (type === "integer" || type === "number") {
    return (
      <>
        {label}
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step={type === "integer" ? 1 : "any"}
          onChange={(e) => onChange(e.target.value)}
        />
      </>
    );
  }
  if (type === "date") {
    return (
      <>
        {label}
        <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />
      </>
    );
  }
  return (
    <>
      {label}
      <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
    </>
  );
}
