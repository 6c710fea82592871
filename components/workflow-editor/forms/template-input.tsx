"use client";

// A text field for template text. Typing `{{` (or pressing the braces button) opens a picker of the
// variables this step can use, with their types and sample values; references that cannot resolve are
// underlined in place (a mirror layer behind the transparent field draws the wavy lines) and listed under
// the field. Hand-written: no library offers inline highlighting inside a native input, and Monaco per
// field would weigh megabytes.
import { Braces, TriangleAlert } from "lucide-react";
import { createContext, useContext, useId, useLayoutEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import type { TTemplateCompletions } from "@/components/editor/monaco-setup";
import { checkReferences, listVariables, sampleContext, sampleParams, type TReferenceProblem, type TVariable, type TVariableSources } from "../variables";

export const VariablesContext = createContext<TVariableSources | null>(null);

/** For Monaco fields: the `{{` completions, `params.`/`context.` samples, and the references to underline. */
export function useTemplateAssist(text: string, params?: readonly { key: string; value: string }[]): { completions?: TTemplateCompletions; problems?: TReferenceProblem[] } {
  const sources = useContext(VariablesContext);
  const completions = useMemo(
    () => (sources ? { variables: listVariables(sources), samples: params ? { params: sampleParams(params, sources), context: sampleContext(sources) } : undefined } : undefined),
    [sources, params],
  );
  const problems = useMemo(() => (sources ? checkReferences(text, sources) : undefined), [sources, text]);
  return { completions, problems };
}

const MAX_OPTIONS = 60;
/** `{{` and a partly typed path right before the caret. */
const OPEN_REFERENCE = /\{\{\s*([A-Za-z0-9_$.[\]"'-]*)$/;

type TTemplateInputProps = {
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  className?: string;
  placeholder?: string;
  id?: string;
  "aria-label"?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
};

type TPicker = { start: number; query: string; active: number };

export function TemplateInput({ value, onChange, multiline = false, rows = 4, className, ...props }: TTemplateInputProps) {
  const sources = useContext(VariablesContext);
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const mirrorRef = useRef<HTMLDivElement>(null);
  const [picker, setPicker] = useState<TPicker | null>(null);
  const listId = useId();
  const problemsId = useId();

  const variables = useMemo(() => (sources ? listVariables(sources) : []), [sources]);
  const problems = useMemo(() => (sources ? checkReferences(value, sources) : []), [value, sources]);
  // While the builder is still typing a reference, its "unclosed {{" is not worth a warning.
  const shown = picker ? problems.filter((problem) => !problem.syntax) : problems;
  const options = useMemo(() => {
    if (!picker) return [];
    const query = picker.query.toLowerCase();
    return variables.filter((variable) => variable.path.toLowerCase().includes(query)).slice(0, MAX_OPTIONS);
  }, [picker, variables]);

  // The field scrolls to its caret without a scroll event (typing, fill, moving the caret), so the mirror
  // that draws the underlines follows after every render and on every selection change.
  const syncMirror = () => {
    if (!mirrorRef.current || !fieldRef.current) return;
    mirrorRef.current.scrollLeft = fieldRef.current.scrollLeft;
    mirrorRef.current.scrollTop = fieldRef.current.scrollTop;
  };
  useLayoutEffect(syncMirror);

  function syncPicker(text: string, caret: number) {
    const match = OPEN_REFERENCE.exec(text.slice(0, caret));
    if (!match || !sources) return setPicker(null);
    const start = caret - match[0].length;
    setPicker((current) => ({ start, query: match[1], active: current?.start === start ? Math.min(current.active, MAX_OPTIONS - 1) : 0 }));
  }

  function insert(variable: TVariable) {
    const field = fieldRef.current;
    if (!field || !picker) return;
    const caret = field.selectionStart ?? value.length;
    const after = value.slice(caret).replace(/^[A-Za-z0-9_$.[\]"'-]*\s*\}\}/, "");
    const reference = `{{ ${variable.path} }}`;
    const next = value.slice(0, picker.start) + reference + after;
    onChange(next);
    setPicker(null);
    const position = picker.start + reference.length;
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(position, position);
    });
  }

  function openPicker() {
    const field = fieldRef.current;
    if (!field) return;
    const caret = field.selectionStart ?? value.length;
    const next = `${value.slice(0, caret)}{{${value.slice(field.selectionEnd ?? caret)}`;
    onChange(next);
    setPicker({ start: caret, query: "", active: 0 });
    requestAnimationFrame(() => {
      field.focus();
      field.setSelectionRange(caret + 2, caret + 2);
    });
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (!picker) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setPicker(null);
    } else if (options.length === 0) {
      return;
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setPicker({ ...picker, active: (picker.active + step + options.length) % options.length });
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insert(options[Math.min(picker.active, options.length - 1)]);
    }
  }

  const describedBy = [props["aria-describedby"], shown.length > 0 ? problemsId : undefined].filter(Boolean).join(" ") || undefined;
  const activeOption = picker && options.length > 0 ? `${listId}-${Math.min(picker.active, options.length - 1)}` : undefined;
  const fieldProps = {
    ...props,
    ref: fieldRef,
    value,
    role: "combobox",
    "aria-autocomplete": "list" as const,
    "aria-expanded": picker !== null && options.length > 0,
    "aria-controls": listId,
    "aria-activedescendant": activeOption,
    "aria-describedby": describedBy,
    spellCheck: false,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      onChange(event.target.value);
      syncPicker(event.target.value, event.target.selectionStart ?? event.target.value.length);
    },
    onKeyDown,
    onBlur: () => setPicker(null),
    onScroll: syncMirror,
    onSelect: syncMirror,
    className: cn(controlClasses, "relative bg-transparent", multiline ? "min-h-20 resize-y py-2" : "h-9 py-1.5", "pr-9", className),
  };

  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <div className="relative rounded-md bg-white">
        {shown.length > 0 && (
          <div
            ref={mirrorRef}
            aria-hidden
            className={cn(
              "pointer-events-none absolute inset-0 overflow-hidden border border-transparent px-3 pr-9 text-sm text-transparent",
              multiline ? "py-2 break-words whitespace-pre-wrap" : "py-1.5 leading-6 whitespace-pre",
              className,
            )}
          >
            <Underlined text={value} problems={shown} />
          </div>
        )}
        {multiline ? <textarea rows={rows} {...fieldProps} /> : <input type="text" {...fieldProps} />}
        <button
          type="button"
          tabIndex={-1}
          title="Insert a variable ({{)"
          aria-label="Insert a variable"
          className="absolute top-1.5 right-1.5 z-10 rounded p-1 text-neutral-400 hover:bg-neutral-100 hover:text-neutral-700"
          onMouseDown={(event) => event.preventDefault()}
          onClick={openPicker}
        >
          <Braces aria-hidden className="size-4" />
        </button>
        {picker && (
          <ul
            id={listId}
            role="listbox"
            aria-label="Variables"
            className="absolute top-full right-0 z-50 mt-1 max-h-72 w-[24rem] max-w-[calc(100vw-2rem)] overflow-y-auto rounded-md border border-neutral-200 bg-white py-1 text-xs shadow-lg"
          >
            {options.length === 0 ? (
              <li className="px-3 py-2 text-neutral-500">No variable matches “{picker.query}”.</li>
            ) : (
              options.map((variable, index) => (
                <li
                  key={variable.path}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === picker.active}
                  className={cn("flex cursor-pointer items-baseline gap-2 px-3 py-1.5", index === picker.active ? "bg-accent-50 text-accent-900" : "hover:bg-neutral-50")}
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseEnter={() => setPicker({ ...picker, active: index })}
                  onClick={() => insert(variable)}
                >
                  <span className="min-w-0 flex-1 font-mono break-all">{variable.path}</span>
                  <span className="shrink-0 rounded bg-neutral-100 px-1 font-mono text-[10px] text-neutral-600">{variable.type}</span>
                  {variable.preview && <span className="max-w-[9rem] shrink-0 truncate text-neutral-500">{variable.preview}</span>}
                </li>
              ))
            )}
          </ul>
        )}
      </div>
      {shown.length > 0 && (
        <ul id={problemsId} className="flex flex-col gap-0.5 text-xs text-warning-900">
          {shown.map((problem, index) => (
            <li key={index} className="flex gap-1">
              <TriangleAlert aria-hidden className="mt-0.5 size-3 shrink-0" />
              <span>
                {problem.syntax ? problem.message : (
                  <>
                    <code className="font-mono">{`{{ ${problem.source} }}`}</code>: {problem.message}
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Underlined({ text, problems }: { text: string; problems: TReferenceProblem[] }) {
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const [index, problem] of [...problems].sort((a, b) => a.start - b.start).entries()) {
    if (problem.start < at) continue;
    pieces.push(text.slice(at, problem.start));
    pieces.push(
      <span key={index} data-testid="bad-reference" className="underline decoration-danger-500 decoration-wavy decoration-2 underline-offset-4">
        {text.slice(problem.start, problem.end)}
      </span>,
    );
    at = problem.end;
  }
  pieces.push(text.slice(at));
  // A trailing newline in a textarea needs a character after it to take up its line.
  return <>{pieces}{"\u200b"}</>;
}
