/**
 * Resolves the right-hand side of a comparison to the literal values it stands for, and
 * datetime expressions to an offset from now: through `let` names, `dynamic([...])`,
 * `pack_array(...)`, parentheses and unary minus. Anything computed at run time resolves to
 * nothing rather than to a guess.
 */
import { children, separatedElements, syntaxClass, type KSyntaxElement } from '../kusto.js';
import { timespanMillis } from './timespan.js';

/** `let` name → the expression bound to it (the latest binding wins, as in KQL). */
export type LetBindings = Map<string, KSyntaxElement>;

/** Functions that build a list out of their arguments. */
const LIST_BUILDERS = new Set(['dynamic', 'pack_array', 'set_union', 'array_concat']);
/** Functions whose first argument carries the time point (`startofday(ago(1d))`). */
const TIME_ROUNDING = new Set(['startofday', 'startofweek', 'startofmonth', 'startofyear', 'endofday', 'bin', 'floor', 'todatetime']);
/** How deep `let` names may refer to each other before we give up (guards cycles). */
const MAX_DEPTH = 8;

/** The text of a literal: the string itself for strings, the token as written otherwise (`4624`, `true`, `5d`). */
export function literalText(e: KSyntaxElement): string | null {
  if (syntaxClass(e) !== 'LiteralExpression') return null;
  const literal = e as Kusto.Language.Syntax.LiteralExpression;
  const value = literal.LiteralValue as unknown;
  if (typeof value === 'string') return value;
  return literal.Token?.Text ?? null;
}

/** Literal values an expression stands for, in order; [] when it is computed at run time. */
export function literalValues(e: KSyntaxElement | null | undefined, lets: LetBindings, depth = 0): string[] {
  if (!e || depth > MAX_DEPTH) return [];
  const cls = syntaxClass(e);
  switch (cls) {
    case 'LiteralExpression': {
      const text = literalText(e);
      return text === null ? [] : [text];
    }
    case 'PrefixUnaryExpression': {
      const u = e as Kusto.Language.Syntax.PrefixUnaryExpression;
      const inner = literalValues(u.Expression, lets, depth + 1);
      return u.Operator?.Text === '-' ? inner.map((v) => `-${v}`) : inner;
    }
    case 'ParenthesizedExpression':
      return literalValues((e as Kusto.Language.Syntax.ParenthesizedExpression).Expression, lets, depth + 1);
    case 'ExpressionList':
      return separatedElements((e as Kusto.Language.Syntax.ExpressionList).Expressions).flatMap((x) => literalValues(x, lets, depth + 1));
    case 'DynamicExpression':
      return descendantLiterals(e);
    case 'NameReference': {
      const bound = lets.get((e as Kusto.Language.Syntax.NameReference).SimpleName ?? '');
      return bound ? literalValues(bound, lets, depth + 1) : [];
    }
    case 'FunctionCallExpression': {
      const call = e as Kusto.Language.Syntax.FunctionCallExpression;
      const name = (call.Name?.SimpleName ?? '').toLowerCase();
      if (!LIST_BUILDERS.has(name)) return [];
      return separatedElements(call.ArgumentList?.Expressions).flatMap((x) => literalValues(x, lets, depth + 1));
    }
    default:
      return [];
  }
}

function descendantLiterals(e: KSyntaxElement): string[] {
  const out: string[] = [];
  const walk = (x: KSyntaxElement): void => {
    const text = literalText(x);
    if (text !== null) out.push(text);
    else for (const c of children(x)) if (!c.IsToken) walk(c);
  };
  walk(e);
  return out;
}

/** A timespan expression in ms: a literal (`7d`), a `let` name bound to one, or a product with a number; null otherwise. */
export function timespanOf(e: KSyntaxElement | null | undefined, lets: LetBindings, depth = 0): number | null {
  if (!e || depth > MAX_DEPTH) return null;
  switch (syntaxClass(e)) {
    case 'LiteralExpression': {
      const text = literalText(e);
      return text === null ? null : timespanMillis(text);
    }
    case 'ParenthesizedExpression':
      return timespanOf((e as Kusto.Language.Syntax.ParenthesizedExpression).Expression, lets, depth + 1);
    case 'PrefixUnaryExpression': {
      const u = e as Kusto.Language.Syntax.PrefixUnaryExpression;
      const inner = timespanOf(u.Expression, lets, depth + 1);
      return inner === null ? null : u.Operator?.Text === '-' ? -inner : inner;
    }
    case 'NameReference': {
      const bound = lets.get((e as Kusto.Language.Syntax.NameReference).SimpleName ?? '');
      return bound ? timespanOf(bound, lets, depth + 1) : null;
    }
    case 'FunctionCallExpression': {
      const call = e as Kusto.Language.Syntax.FunctionCallExpression;
      if ((call.Name?.SimpleName ?? '').toLowerCase() !== 'totimespan') return null;
      return timespanOf(separatedElements(call.ArgumentList?.Expressions)[0], lets, depth + 1);
    }
    case 'BinaryExpression': {
      const b = e as Kusto.Language.Syntax.BinaryExpression;
      if (b.Operator?.Text !== '*') return null;
      const [l, r] = [b.Left, b.Right];
      const ls = timespanOf(l, lets, depth + 1);
      const rs = timespanOf(r, lets, depth + 1);
      const ln = Number(literalValues(l, lets, depth + 1)[0]);
      const rn = Number(literalValues(r, lets, depth + 1)[0]);
      if (ls !== null && Number.isFinite(rn)) return ls * rn;
      if (rs !== null && Number.isFinite(ln)) return rs * ln;
      return null;
    }
    default:
      return null;
  }
}

/**
 * A datetime expression as an offset from now in ms: `now()` → 0, `now(-5d)` → -5d,
 * `ago(7d)` → -7d, `now() - 1h`, `startofday(ago(1d))` (rounding ignored), `let` names followed;
 * null for absolute dates and anything computed at run time.
 */
export function timeOffsetOf(e: KSyntaxElement | null | undefined, lets: LetBindings, depth = 0): number | null {
  if (!e || depth > MAX_DEPTH) return null;
  switch (syntaxClass(e)) {
    case 'ParenthesizedExpression':
      return timeOffsetOf((e as Kusto.Language.Syntax.ParenthesizedExpression).Expression, lets, depth + 1);
    case 'NameReference': {
      const bound = lets.get((e as Kusto.Language.Syntax.NameReference).SimpleName ?? '');
      return bound ? timeOffsetOf(bound, lets, depth + 1) : null;
    }
    case 'FunctionCallExpression': {
      const call = e as Kusto.Language.Syntax.FunctionCallExpression;
      const name = (call.Name?.SimpleName ?? '').toLowerCase();
      const [first] = separatedElements(call.ArgumentList?.Expressions);
      if (name === 'now') return first ? timespanOf(first, lets, depth + 1) : 0;
      if (name === 'ago') {
        const span = timespanOf(first, lets, depth + 1);
        return span === null ? null : -span;
      }
      if (TIME_ROUNDING.has(name)) return timeOffsetOf(first, lets, depth + 1);
      return null;
    }
    case 'BinaryExpression': {
      const b = e as Kusto.Language.Syntax.BinaryExpression;
      const op = b.Operator?.Text;
      if (op !== '-' && op !== '+') return null;
      const base = timeOffsetOf(b.Left, lets, depth + 1);
      const span = timespanOf(b.Right, lets, depth + 1);
      if (base === null || span === null) return null;
      return op === '-' ? base - span : base + span;
    }
    default:
      return null;
  }
}
