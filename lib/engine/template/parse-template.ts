// Parser for template text: literal text with `{{ path }}` segments. It is a hand-written scanner so that
// errors carry a position and nothing in a template is ever evaluated as code.
//
// Grammar (whitespace is allowed just inside the braces, nowhere else):
//   template   := ( text | "\{{" | "{{" ws path ws "}}" )*
//   path       := identifier ( "." name | "[" ws index ws "]" )*
//   identifier := [A-Za-z_$][A-Za-z0-9_$]*
//   name       := [A-Za-z0-9_$-]+        hyphens so that `trigger.headers.x-api-key` works
//   index      := digits | '"' chars '"' | "'" chars "'"   (backslash escapes the next char in quotes)
//
// Escaping: `\{{` stands for a literal `{{`; that is the only escape. Every other backslash, and any `}}`
// outside a segment, is plain text, so JSON and code containing backslashes pass through unchanged.

export type TPathSegment = string | number;

export type TTemplatePart =
  | { kind: "text"; text: string; start: number; end: number }
  | { kind: "path"; source: string; path: TPathSegment[]; start: number; end: number };

export type TTemplateErrorCode = "syntax" | "missing_path" | "invalid_json";

export class TemplateError extends Error {
  readonly code: TTemplateErrorCode;
  /** The path as written, for missing_path. */
  readonly path?: string;
  /** Offset into the template text, for syntax errors. */
  readonly position?: number;
  /** The config field the template came from, when resolved through resolveDeep. */
  readonly field?: string;

  constructor(
    code: TTemplateErrorCode,
    message: string,
    details: { path?: string; position?: number; field?: string } = {},
  ) {
    super(message);
    this.name = "TemplateError";
    this.code = code;
    this.path = details.path;
    this.position = details.position;
    this.field = details.field;
  }
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_CHAR = /[A-Za-z0-9_$]/;
const NAME_CHAR = /[A-Za-z0-9_$-]/;
const DIGIT = /[0-9]/;
const SPACE = /\s/;

function syntaxError(message: string, position: number): TemplateError {
  return new TemplateError("syntax", `${message} at position ${position}`, { position });
}

/** Splits template text into literal and path parts. Throws TemplateError("syntax"). */
export function parseTemplate(text: string): TTemplatePart[] {
  const parts: TTemplatePart[] = [];
  let literal = "";
  let literalStart = 0;
  let i = 0;

  const flush = (end: number) => {
    if (literal) parts.push({ kind: "text", text: literal, start: literalStart, end });
    literal = "";
  };

  while (i < text.length) {
    const open = text.indexOf("{{", i);
    if (open === -1) {
      literal += text.slice(i);
      break;
    }
    if (open > 0 && text[open - 1] === "\\") {
      literal += text.slice(i, open - 1) + "{{";
      i = open + 2;
      continue;
    }
    literal += text.slice(i, open);
    flush(open);
    const part = parsePathSegment(text, open);
    parts.push(part);
    i = part.end;
    literalStart = i;
  }
  flush(text.length);
  return parts;
}

function parsePathSegment(text: string, open: number): TTemplatePart & { kind: "path" } {
  let i = open + 2;
  const skipSpace = () => {
    while (i < text.length && SPACE.test(text[i])) i++;
  };
  skipSpace();
  const pathStart = i;
  if (i >= text.length) throw syntaxError("Unclosed {{", open);
  if (!IDENT_START.test(text[i])) {
    if (text.startsWith("}}", i)) throw syntaxError("Empty {{ }}", open);
    throw syntaxError(`Expected a variable name but found "${text[i]}"`, i);
  }
  let root = "";
  while (i < text.length && IDENT_CHAR.test(text[i])) root += text[i++];
  const path: TPathSegment[] = [root];

  for (;;) {
    if (text[i] === ".") {
      i++;
      let name = "";
      while (i < text.length && NAME_CHAR.test(text[i])) name += text[i++];
      if (!name) throw syntaxError('Expected a name after "."', i);
      path.push(name);
    } else if (text[i] === "[") {
      i++;
      skipSpace();
      path.push(parseIndex(text, i, (next) => (i = next)));
      skipSpace();
      if (text[i] !== "]") throw syntaxError('Expected "]"', i);
      i++;
    } else {
      break;
    }
  }
  const pathEnd = i;
  skipSpace();
  if (!text.startsWith("}}", i)) {
    if (i >= text.length) throw syntaxError("Unclosed {{", open);
    throw syntaxError(`Unexpected "${text[i]}" in {{ }}`, i);
  }
  return { kind: "path", source: text.slice(pathStart, pathEnd), path, start: open, end: i + 2 };
}

function parseIndex(text: string, start: number, advance: (next: number) => void): TPathSegment {
  let i = start;
  const quote = text[i];
  if (quote === '"' || quote === "'") {
    let key = "";
    i++;
    while (i < text.length && text[i] !== quote) {
      if (text[i] === "\\" && i + 1 < text.length) i++;
      key += text[i++];
    }
    if (i >= text.length) throw syntaxError("Unclosed quoted key", start);
    advance(i + 1);
    return key;
  }
  let digits = "";
  while (i < text.length && DIGIT.test(text[i])) digits += text[i++];
  if (!digits) throw syntaxError('Expected a number or a quoted key after "["', start);
  advance(i);
  return Number(digits);
}

/** The canonical spelling of a path: `a.b[0]["c d"]`. */
export function formatPath(path: readonly TPathSegment[]): string {
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (i === 0) return segment;
      return /^[A-Za-z0-9_$-]+$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
    })
    .join("");
}

export type TTemplateReference = {
  source: string;
  root: string;
  path: TPathSegment[];
  start: number;
  end: number;
};

/** Every `{{ path }}` in the text, in order. Throws TemplateError("syntax") like parseTemplate. */
export function listTemplatePaths(text: string): TTemplateReference[] {
  return parseTemplate(text).flatMap((part) =>
    part.kind === "path"
      ? [{ source: part.source, root: String(part.path[0]), path: part.path, start: part.start, end: part.end }]
      : [],
  );
}
