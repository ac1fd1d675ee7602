import { useEffect, useState } from "react";
import { useNavigation } from "@remix-run/react";
import type { FormState } from "../forms";
import { CodeDeleteDialog } from "./code-delete-dialog";
import { CodeEditPanel } from "./code-edit-panel";
import { PrevalencePanel, type SampleChoice } from "../sandwich/prevalence-panel";
import { CodeMemos, type MemoItem } from "./code-memos";
import { codingsLabel, type CodeItem, type CodeNode } from "./tree";

export interface CodebookCode extends CodeItem {
  memos: MemoItem[];
}

/** What every row needs to know: who is looking, what they may do, what the last form did. */
export interface CodebookEnv {
  codes: CodebookCode[];
  flat: CodeNode<CodebookCode>[];
  userId: string;
  canEdit: boolean;
  canWriteMemos: boolean;
  canModerateMemos: boolean;
  /** The project's samples: with any, each code offers its Prevalence panel (issue 16). */
  samples?: SampleChoice[];
  /** The last action's answer, with the code it was about. */
  result?: FormState & { codeId?: string };
}

export function CodeTree({ nodes, env, level = 1 }: { nodes: CodeNode<CodebookCode>[]; env: CodebookEnv; level?: number }) {
  return (
    <ul className={level === 1 ? "code-tree" : "code-tree code-tree--nested"}>
      {nodes.map((node) => (
        <li key={node.code.id} data-testid={`code-${node.code.name}`}>
          <CodeRow node={node} env={env} />
          {node.children.length > 0 ? <CodeTree nodes={node.children} env={env} level={level + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

type Panel = "edit" | "memos" | "prevalence" | null;

/** The action's failure for `intent` if it concerned this code. */
function failureOf(env: CodebookEnv, codeId: string, intent: string): FormState | undefined {
  const r = env.result;
  if (!r || r.ok !== false || r.intent !== intent || r.values?.codeId !== codeId) return undefined;
  return r;
}

function CodeRow({ node, env }: { node: CodeNode<CodebookCode>; env: CodebookEnv }) {
  const { code } = node;
  const editFailure = failureOf(env, code.id, "update-code");
  const mergeFailure = failureOf(env, code.id, "merge-code");
  const memoFailure = failureOf(env, code.id, "add-memo") ?? failureOf(env, code.id, "delete-memo");
  const [panel, setPanel] = useState<Panel>(editFailure || mergeFailure ? "edit" : memoFailure ? "memos" : null);
  const idle = useNavigation().state === "idle";
  const r = env.result;
  const mine = r?.codeId === code.id;
  // A failed form opens its panel; a saved edit closes it once the page shows the change.
  useEffect(() => {
    if (editFailure || mergeFailure) setPanel("edit");
    else if (memoFailure) setPanel("memos");
  }, [editFailure, mergeFailure, memoFailure]);
  useEffect(() => {
    if (idle && r?.ok && mine && r.intent === "update-code") setPanel(null);
  }, [idle, r, mine]);
  const parentName = env.codes.find((c) => c.id === code.parentId)?.name ?? null;
  const toggle = (p: Exclude<Panel, null>) => setPanel((open) => (open === p ? null : p));
  const panelId = `code-panel-${code.id}`;
  return (
    <div className={`code-item${panel ? " code-item--open" : ""}`}>
      <div className="code-row">
        <span className="swatch" style={{ background: code.color }} aria-hidden="true" />
        <div className="code-row__main">
          <span className="code-row__name">{code.name}</span>
          {code.description ? <span className="code-row__desc">{code.description}</span> : null}
        </div>
        {code.codable === false ? (
          <span className="code-row__folder" title="A folder groups codes; it cannot be applied to text.">
            Folder
          </span>
        ) : (
          <span className="code-row__count">{codingsLabel(code.codingCount)}</span>
        )}
        <div className="code-row__actions">
          {env.canEdit ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              aria-expanded={panel === "edit"}
              aria-controls={panel === "edit" ? panelId : undefined}
              onClick={() => toggle("edit")}
            >
              Edit<span className="visually-hidden"> {code.name}</span>
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            aria-expanded={panel === "memos"}
            aria-controls={panel === "memos" ? panelId : undefined}
            onClick={() => toggle("memos")}
          >
            {`Memos (${code.memos.length})`}<span className="visually-hidden"> on {code.name}</span>
          </button>
          {env.samples?.length ? (
            <button
              type="button"
              className="btn btn--ghost btn--small"
              aria-expanded={panel === "prevalence"}
              aria-controls={panel === "prevalence" ? panelId : undefined}
              onClick={() => toggle("prevalence")}
            >
              Prevalence<span className="visually-hidden"> of {code.name}</span>
            </button>
          ) : null}
          {env.canEdit ? <CodeDeleteDialog code={code} parentName={parentName} /> : null}
        </div>
      </div>
      {panel ? (
        <div id={panelId}>
          {panel === "edit" ? (
            <CodeEditPanel code={code} codes={env.codes} flat={env.flat} state={editFailure} mergeState={mergeFailure} />
          ) : panel === "prevalence" ? (
            <PrevalencePanel codeId={code.id} codeName={code.name} samples={env.samples ?? []} />
          ) : (
            <CodeMemos
              code={code}
              memos={code.memos}
              userId={env.userId}
              canWrite={env.canWriteMemos}
              canModerate={env.canModerateMemos}
              state={memoFailure}
              added={Boolean(r?.ok && mine && r.intent === "add-memo")}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
